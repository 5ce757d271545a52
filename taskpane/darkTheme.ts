// Only the dark theme, in a chunk of its own (taskpane/index.tsx imports it when Excel or the system is dark).
export { webDarkTheme } from "@fluentui/react-components";
