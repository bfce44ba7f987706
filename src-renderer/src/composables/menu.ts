// The item shape of the context menu.
export interface MenuItem { label: string; run: () => void; disabled?: boolean }
