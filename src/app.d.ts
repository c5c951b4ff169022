// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface PageState {
      /** The address's query written in place since the last navigation (lib/data/address.svelte.ts). */
      search?: string;
    }
  }
}
export {};
