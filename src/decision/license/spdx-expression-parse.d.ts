// Local types for spdx-expression-parse 5.0.0 (CommonJS, ships no types; @types/spdx-expression-parse
// is written for 4.x). Only what spdx-compatibility.ts uses.
declare module 'spdx-expression-parse' {
  namespace parse {
    interface LicenseInfo {
      /** An SPDX license id, or "LicenseRef-…" / "DocumentRef-…:LicenseRef-…". */
      license: string;
      /** "GPL-2.0+": this version or any later one. */
      plus?: true;
      /** The id after WITH, e.g. "Classpath-exception-2.0". */
      exception?: string;
    }
    interface ConjunctionInfo {
      conjunction: 'and' | 'or';
      left: LicenseInfo | ConjunctionInfo;
      right: LicenseInfo | ConjunctionInfo;
    }
    type Info = LicenseInfo | ConjunctionInfo;
  }
  /** Parses an SPDX license expression; throws an Error on an unknown id or a syntax error. */
  function parse(source: string): parse.Info;
  export = parse;
}
