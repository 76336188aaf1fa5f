// Globals gjs provides (it implements the WHATWG encoding API) that the ES2022 lib does not declare.
declare class TextEncoder {
  encode(input: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input: Uint8Array): string;
}
