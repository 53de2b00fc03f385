"""Exports of an application: DOCX, PDF, Markdown and XLSX as bytes."""
