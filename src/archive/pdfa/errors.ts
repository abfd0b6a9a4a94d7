/**
 * The one error of the PDF/A conversion, with a machine-readable code per way it can fail (docs/pdfa.md).
 * Every module of the folder throws it, so it sits apart from all of them.
 */

export type PdfAErrorCode =
  | 'invalid_metadata'
  | 'invalid_input'
  | 'icc_profile'
  | 'tool_missing'
  | 'ghostscript_failed'
  | 'qpdf_failed'
  | 'timeout'
  | 'not_pdfa'
  | 'page_count_mismatch'
  | 'text_layer_damaged';

export class PdfAError extends Error {
  constructor(
    readonly code: PdfAErrorCode,
    message: string,
    /** Tool output or the list of problems, for logs. */
    readonly detail = '',
  ) {
    super(message);
    this.name = 'PdfAError';
  }
}
