/** Build-time settings (Vite inlines `import.meta.env.VITE_*`). */
export const API_BASE = (import.meta.env.VITE_API_BASE_URL ?? '').replace(/\/+$/, '');

/** The currency shown before the wallet says which one it is (signed-out visitors). */
export const DEFAULT_CURRENCY = import.meta.env.VITE_CURRENCY || 'CLP';
