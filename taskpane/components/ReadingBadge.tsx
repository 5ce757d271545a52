import { Badge } from "@fluentui/react-components";

/**
 * The header's 初步意见 / 已审定 badge. It shows only once a workbook has been read, so Fluent's Badge
 * (≈ 2.6 KiB gzip) loads then, not with the first screen; until it has, the same words show unstyled.
 */
export default function ReadingBadge(props: { approved: boolean; children: string }) {
  return (
    <Badge appearance="tint" color={props.approved ? "success" : "warning"}>
      {props.children}
    </Badge>
  );
}
