// Package convert turns the raw bytes of a fetched or imported file (HTML in any charset,
// plain text, pdftotext output, PDF, DOCX) into a data.Document: UTF-8 text, tables with
// spans resolved, and the page's metadata block, with site chrome removed.
package convert
