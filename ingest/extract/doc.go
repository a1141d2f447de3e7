// Package extract turns a converted data.Document into a data.Report: the report's
// identity, the figures of the 2019 and 2021 template tables, the figures of prose-era
// reports, key-area mentions and consistency checks, each value with its evidence and
// offset. Everything here is a pure function of the document: no I/O, no clock, no globals
// that change, so re-extracting an archive is deterministic and parallel.
package extract
