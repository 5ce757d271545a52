import { Field, ProgressBar } from "@fluentui/react-components";
import type { Busy } from "../hooks/usePane";
import { useT } from "../i18n";

/**
 * The progress of the action running: its phase and a bar. Shown only while something runs, so it
 * loads with the first action (ActionBar), not with the first screen.
 */
export default function BusyProgress(props: { busy: Busy }) {
  const t = useT();
  const { busy } = props;
  return (
    <Field validationMessage={busy.phase ? t[busy.phase] : t.working} validationState="none">
      <ProgressBar value={busy.steps ? busy.step / busy.steps : undefined} aria-label={t.working} />
    </Field>
  );
}
