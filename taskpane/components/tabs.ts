// Fluent's tabs in a chunk of their own: App.tsx shows the tab strip only once the pane has read a workbook.
export { Tab, TabList } from "@fluentui/react-components";
