import type { CofferApi } from '../../contract/api.js';

declare global {
  interface Window {
    /** Exposed by the preload; the only way the page reaches main. */
    readonly coffer: CofferApi;
  }
}
