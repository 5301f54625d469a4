/**
 * A part of the message table: the texts of one area of the app (layers, card, search…) in both
 * languages. zh-CN.ts and en.ts spread every part into the one table, so `t()` sees a single table
 * and the compiler checks that each part's English has exactly the Chinese keys.
 */
export interface MessagePart<Z extends Readonly<Record<string, string>>> {
  readonly zh: Z;
  readonly en: { readonly [K in keyof Z]: string };
}

/** Declares a part; `const` keeps the keys literal so `MessageKey` knows them. */
export function messagePart<const Z extends Readonly<Record<string, string>>>(zh: Z, en: { readonly [K in keyof Z]: string }): MessagePart<Z> {
  return { zh, en };
}
