// The item shape of the context menu.
/** `keys`: the shortcut shown at the right of the item (text, e.g. `F`). */
export interface MenuItem { label: string; run: () => void; disabled?: boolean; keys?: string }
