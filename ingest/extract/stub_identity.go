package extract

import "nianbao/data"

func identify(doc *data.Document, r *data.Report) { r.IsAnnualReport = true }
