package document

// The presentation rules of Nghị định 30/2020/NĐ-CP, Phụ lục I, written once
// for every writer (xlsx, docx, pdf). Sizes are in points, lengths in
// millimetres. Where the decree gives a range the value is inside it.
const (
	PageWidthMM  = 210.0 // A4
	PageHeightMM = 297.0

	MarginTopMM    = 20.0 // 20–25 mm
	MarginBottomMM = 20.0 // 20–25 mm
	MarginLeftMM   = 30.0 // 30–35 mm
	MarginRightMM  = 15.0 // 15–20 mm
	// The page number sits in the top margin, this far from the page's edge.
	HeaderMM = 10.0

	Font = "Times New Roman"

	SizeNation = 12.5 // Quốc hiệu: 12–13, bold, capitals
	SizeMotto  = 13.0 // Tiêu ngữ: 13–14, bold, words capitalised, underlined by a line as long
	// The issuing body's short line: 1/3 to 1/2 of its name's length, centred under it.
	IssuerLineRatio = 0.4
	SizeIssuer      = 12.0 // name of the issuing body: 12–13, bold, capitals; its parent not bold
	SizeNumber      = 13.0 // "Số: …/…": 13
	SizePlaceDate   = 13.0 // place and date: 13–14, italic
	SizeKind        = 14.0 // kind of document ("QUYẾT ĐỊNH"): 13–14, bold, capitals
	SizeSubject     = 14.0 // subject line (trích yếu): 13–14, bold
	SizeBody        = 13.5 // body text: 13–14
	SizeSignerTitle = 13.5 // authority and title of the signer: 13–14, bold, capitals
	SizeSignerName  = 13.5 // the signer's name: 13–14, bold
	SizeRecipientsH = 12.0 // "Nơi nhận:": 12, bold italic
	SizeRecipients  = 11.0 // the list of recipients: 11
	SizePageNumber  = 13.0 // page numbers: 13–14, centred in the top margin, from page 2 on (whole points: spreadsheet headers take no fraction)
)

// Nation and Motto are the national heading's two lines.
const (
	Nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	Motto  = "Độc lập - Tự do - Hạnh phúc"
)
