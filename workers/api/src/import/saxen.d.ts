// Types for the parts of saxen (a SAX XML parser without bundled types) that xlsx.ts uses.
declare module "saxen" {
  type Decode = (text: string) => string;
  export class Parser {
    constructor(options?: { proxy?: boolean });
    on(
      event: "openTag",
      cb: (name: string, getAttrs: () => Record<string, string>, decode: Decode, selfClosing: boolean) => void,
    ): this;
    on(event: "closeTag", cb: (name: string, decode: Decode, selfClosing: boolean) => void): this;
    on(event: "text", cb: (text: string, decode: Decode) => void): this;
    on(event: "cdata", cb: (text: string) => void): this;
    on(event: "error", cb: (error: Error) => void): this;
    parse(xml: string): Error | null;
    write(xml: string): this;
    end(): Error | null;
  }
  export const decode: Decode;
}
