import type { GeneratedDocument } from '@ganxun/domain';

/**
 * A generated document drawn like a printed page: the title centred, headings bold, paragraphs
 * with a two-character first-line indent — what the DOCX and PDF look like.
 */
export function PaperPreview({ document }: { document: GeneratedDocument }) {
  return (
    <article className="gx-documents-paper" lang={document.script} data-testid="documents-preview">
      <h1 className="gx-documents-title">{document.title}</h1>
      {document.paragraphs.map((p, i) =>
        p.heading ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity beyond their place
          <h2 key={i} className="gx-documents-heading">
            {p.text}
          </h2>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity beyond their place
          <p key={i} className="gx-documents-para">
            {p.text}
          </p>
        ),
      )}
    </article>
  );
}
