//! Test support for the readers: writes a strategy as a Word document (DOCX) the way a region's
//! office would lay it out — numbered headings in Heading styles, body paragraphs, the card as a
//! two-column table, and the three sectored tables as real tables with a merged sector row
//! (`w:gridSpan`) per sector, a two-row header whose year columns sit under one merged cell, and
//! the project name merged down its indicator rows (`w:vMerge`) — and converts files with
//! LibreOffice. Tools a test needs and lacks: under `CI=true` the test fails, else it is skipped
//! with a message.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use strata::model::{Document, Section};

/// True when `tool` is on PATH; else fails under CI=true, or prints why the test is skipped.
pub fn have(tool: &str, package: &str) -> bool {
    let found =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file())).unwrap_or(false);
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{tool} is missing (install the package {package}); CI=true requires it");
        }
        eprintln!("SKIPPED: {tool} is not installed (package {package})");
    }
    found
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A DOCX being written.
#[derive(Default)]
pub struct Docx {
    body: String,
    /// Table text size in half-points (0: 9 pt).
    cell_size: u32,
}

/// A table cell: text, grid span, vertical merge ("restart", "continue" or none).
pub struct C<'a> {
    pub text: &'a str,
    pub span: u16,
    pub vmerge: Option<&'static str>,
}

/// A plain cell.
pub fn c(text: &str) -> C<'_> {
    C { text, span: 1, vmerge: None }
}

impl Docx {
    /// A paragraph in style `style` (None: Normal).
    pub fn para(&mut self, style: Option<&str>, text: &str) {
        self.body.push_str("<w:p>");
        if let Some(s) = style {
            self.body.push_str(&format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>"));
        }
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.body.push_str("<w:r><w:br/></w:r>");
            }
            self.body.push_str(&format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(line)));
        }
        self.body.push_str("</w:p>");
    }
    /// A paragraph with a tracked deletion in the middle: the deleted words must not be read.
    pub fn para_with_deletion(&mut self, before: &str, deleted: &str, after: &str) {
        self.body.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r><w:del w:id=\"1\" w:author=\"t\"><w:r><w:delText>{}</w:delText></w:r></w:del><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            esc(before),
            esc(deleted),
            esc(after)
        ));
    }
    /// A page break.
    pub fn page_break(&mut self) {
        self.body.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
    }
    /// A table of rows.
    pub fn table(&mut self, rows: &[Vec<C>]) {
        let width = rows.iter().map(|r| r.iter().map(|c| c.span as usize).sum::<usize>()).max().unwrap_or(1);
        self.body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            self.body.push_str(&format!("<w:{side} w:val=\"single\" w:sz=\"4\"/>"));
        }
        self.body.push_str("</w:tblBorders></w:tblPr><w:tblGrid>");
        for _ in 0..width {
            self.body.push_str(&format!("<w:gridCol w:w=\"{}\"/>", 9600 / width));
        }
        self.body.push_str("</w:tblGrid>");
        for row in rows {
            self.body.push_str("<w:tr>");
            for cell in row {
                self.body.push_str("<w:tc><w:tcPr>");
                if cell.span > 1 {
                    self.body.push_str(&format!("<w:gridSpan w:val=\"{}\"/>", cell.span));
                }
                match cell.vmerge {
                    Some("restart") => self.body.push_str("<w:vMerge w:val=\"restart\"/>"),
                    Some(_) => self.body.push_str("<w:vMerge/>"),
                    None => {}
                }
                self.body.push_str("</w:tcPr>");
                let mut any = false;
                for line in cell.text.split('\n') {
                    any = true;
                    self.body.push_str(&format!(
                        "<w:p><w:r><w:rPr><w:sz w:val=\"{}\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                        if self.cell_size == 0 { 18 } else { self.cell_size },
                        esc(line)
                    ));
                }
                if !any {
                    self.body.push_str("<w:p/>");
                }
                self.body.push_str("</w:tc>");
            }
            self.body.push_str("</w:tr>");
        }
        self.body.push_str("</w:tbl><w:p/>");
    }
    /// The DOCX file's bytes.
    pub fn finish(&self) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            let parts = [
                ("[Content_Types].xml", CONTENT_TYPES.to_string()),
                ("_rels/.rels", RELS.to_string()),
                ("word/_rels/document.xml.rels", DOC_RELS.to_string()),
                ("word/styles.xml", STYLES.to_string()),
                (
                    "word/document.xml",
                    format!(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
                        self.body
                    ),
                ),
            ];
            for (name, text) in parts {
                z.start_file(name, o).unwrap();
                z.write_all(text.as_bytes()).unwrap();
            }
            z.finish().unwrap();
        }
        buf.into_inner()
    }
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="24"/><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:jc w:val="both"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style></w:styles>"#;

fn number_title(s: &Section) -> String {
    match &s.number {
        Some(n) => format!("{n}. {}", s.title),
        None => s.title.clone(),
    }
}

fn body(d: &mut Docx, s: &Section) {
    for b in &s.blocks {
        d.para(None, &b.text);
    }
}

/// Writes `doc` as a DOCX laid out as a regional office would (see the module docs).
pub fn strategy_docx(doc: &Document) -> Vec<u8> {
    strategy_docx_sized(doc, 18)
}

/// [`strategy_docx`] with the tables' text `half_points` high (18: 9 pt, 24: 12 pt).
pub fn strategy_docx_sized(doc: &Document, half_points: u32) -> Vec<u8> {
    let mut d = Docx { cell_size: half_points, ..Docx::default() };
    let sector_name = |key: &str| doc.sectors.iter().find(|s| s.key == key).map(|s| s.name.clone()).unwrap_or_default();
    let sector_no = |key: &str| doc.sectors.iter().position(|s| s.key == key).map_or(0, |i| i + 1);
    for s in &doc.sections {
        if s.key == "preamble" {
            body(&mut d, s);
            d.page_break();
            continue;
        }
        d.para(Some("1"), &number_title(s));
        match s.key.as_str() {
            "card" => {
                let rows: Vec<Vec<C>> = doc.card.iter().map(|f| vec![c(&f.label), c(&f.value)]).collect();
                d.table(&rows);
            }
            "linkage" | "projects" | "indicators" => {
                body(&mut d, s);
                let rows = table_rows(doc, &s.key, &sector_name, &sector_no);
                let rows: Vec<Vec<C>> = rows
                    .iter()
                    .map(|r| r.iter().map(|(t, span, v)| C { text: t, span: *span, vmerge: *v }).collect())
                    .collect();
                d.table(&rows);
            }
            _ => {
                body(&mut d, s);
                for ch in &s.children {
                    d.para(Some("2"), &number_title(ch));
                    body(&mut d, ch);
                }
            }
        }
    }
    d.finish()
}

type Row = Vec<(String, u16, Option<&'static str>)>;

fn cell(t: impl Into<String>) -> (String, u16, Option<&'static str>) {
    (t.into(), 1, None)
}

fn table_rows(doc: &Document, key: &str, name: &dyn Fn(&str) -> String, no: &dyn Fn(&str) -> usize) -> Vec<Row> {
    let years: Vec<u16> = {
        let mut y: Vec<u16> = doc.indicators.iter().flat_map(|i| i.values.keys().copied()).collect();
        y.sort();
        y.dedup();
        y
    };
    let header: Vec<&str> = match key {
        "linkage" => vec![
            "№ п/п",
            "Задачи отрасли",
            "Наименование проекта",
            "Бенефициар проекта",
            "Выгоды для бенефициара проекта",
        ],
        "projects" => vec![
            "№ п/п",
            "Наименование",
            "Цель",
            "Срок реализации",
            "Краткое описание",
            "Финансирование",
            "Роль региона в реализации проекта",
        ],
        _ => {
            vec!["№ п/п", "Наименование проекта", "Ответственный РОИВ", "Наименование показателя", "Единица измерения"]
        }
    };
    let width = header.len() + if key == "indicators" { years.len() } else { 0 };
    let mut rows: Vec<Row> = Vec::new();
    if key == "indicators" {
        let mut top: Row = header.iter().map(|h| (h.to_string(), 1, Some("restart"))).collect();
        top.push(("Значения показателя по годам".into(), years.len() as u16, None));
        rows.push(top);
        let mut second: Row = header.iter().map(|_| (String::new(), 1, Some("continue"))).collect();
        second.extend(years.iter().map(|y| cell(y.to_string())));
        rows.push(second);
    } else {
        rows.push(header.iter().map(|h| cell(*h)).collect());
    }
    for s in &doc.sectors {
        rows.push(vec![(format!("{}. {}", no(&s.key), name(&s.key)), width as u16, None)]);
        match key {
            "indicators" => {
                let inds: Vec<_> = doc.indicators_of(&s.key).collect();
                for (k, i) in inds.iter().enumerate() {
                    let first = k == 0 || inds[k - 1].project != i.project;
                    let next_same = inds.get(k + 1).is_some_and(|n| n.project == i.project);
                    let merge = if first && next_same {
                        Some("restart")
                    } else if first {
                        None
                    } else {
                        Some("continue")
                    };
                    let text = |t: &str| if first { t.to_string() } else { String::new() };
                    let mut r: Row = vec![
                        cell((k + 1).to_string()),
                        (text(&i.project), 1, merge),
                        (text(i.responsible.as_deref().unwrap_or("")), 1, merge),
                        cell(i.name.clone()),
                        cell(i.unit.clone().unwrap_or_default()),
                    ];
                    r.extend(years.iter().map(|y| cell(i.values.get(y).map(|v| fmt_value(*v)).unwrap_or_default())));
                    rows.push(r);
                }
            }
            _ => {
                for p in doc.projects_of(&s.key) {
                    let n = p.number.map(|n| n.to_string()).unwrap_or_default();
                    let name = if p.recommended_federal {
                        format!("{} (рекомендовано ФОИВ)", p.name)
                    } else {
                        p.name.clone()
                    };
                    let o = |v: &Option<String>| v.clone().unwrap_or_default();
                    rows.push(if key == "linkage" {
                        vec![cell(n), cell(o(&p.tasks)), cell(name), cell(o(&p.beneficiaries)), cell(o(&p.benefits))]
                    } else {
                        vec![
                            cell(n),
                            cell(name),
                            cell(o(&p.goal)),
                            cell(o(&p.period)),
                            cell(o(&p.description)),
                            cell(o(&p.funding)),
                            cell(o(&p.region_role)),
                        ]
                    });
                }
            }
        }
    }
    rows
}

/// A value as a Russian office prints it: decimal comma, two places.
pub fn fmt_value(v: f64) -> String {
    format!("{v:.2}").replace('.', ",")
}

/// Converts `input` with LibreOffice to `ext` (e.g. "pdf", "docx", "doc") in `dir`, using a
/// profile folder of its own so parallel runs do not collide.
pub fn libreoffice(input: &Path, ext: &str, dir: &Path) -> PathBuf {
    let profile = dir.join("lo-profile");
    let status = Command::new("libreoffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", ext, "--outdir"])
        .arg(dir)
        .arg(input)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("libreoffice runs");
    assert!(status.success(), "libreoffice --convert-to {ext} failed");
    let out = dir.join(input.file_stem().unwrap()).with_extension(ext.split(':').next().unwrap());
    assert!(out.is_file(), "libreoffice made no {}", out.display());
    out
}

/// Counts (sectors, projects, indicator values) of a document.
pub fn figures(doc: &Document) -> (usize, usize, usize) {
    (doc.sectors.len(), doc.projects.len(), doc.indicators.iter().map(|i| i.values.len()).sum())
}

/// An image-only PDF (a "scan") of one page from a PNG (8-bit grey or RGB, not interlaced, as
/// `pdftoppm -png` writes it) at `dpi`: the PNG's compressed data goes into the PDF as is,
/// with the PNG predictor.
pub fn scan_pdf(png: &[u8], dpi: f64) -> Vec<u8> {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let (mut w, mut h, mut colors, mut idat) = (0u32, 0u32, 1u8, Vec::new());
    let mut at = 8;
    while at + 8 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let kind = &png[at + 4..at + 8];
        let data = &png[at + 8..at + 8 + len];
        match kind {
            b"IHDR" => {
                w = u32::from_be_bytes(data[0..4].try_into().unwrap());
                h = u32::from_be_bytes(data[4..8].try_into().unwrap());
                assert!(data[8] == 8 && matches!(data[9], 0 | 2) && data[12] == 0, "8-bit grey or RGB, not interlaced");
                colors = if data[9] == 2 { 3 } else { 1 };
            }
            b"IDAT" => idat.extend_from_slice(data),
            _ => {}
        }
        at += 12 + len;
    }
    let (pw, ph) = (w as f64 * 72.0 / dpi, h as f64 * 72.0 / dpi);
    let content = format!("q {pw:.2} 0 0 {ph:.2} 0 0 cm /Im0 Do Q");
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    let mut obj = |out: &mut Vec<u8>, body: Vec<u8>| {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        out.extend_from_slice(&body);
        out.extend_from_slice(b"\nendobj\n");
    };
    obj(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    obj(&mut out, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec());
    obj(
        &mut out,
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.2} {ph:.2}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>")
            .into_bytes(),
    );
    let mut img = format!(
        "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /{} /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors {colors} /BitsPerComponent 8 /Columns {w} >> /Length {} >>\nstream\n",
        if colors == 3 { "DeviceRGB" } else { "DeviceGray" },
        idat.len()
    )
    .into_bytes();
    img.extend_from_slice(&idat);
    img.extend_from_slice(b"\nendstream");
    obj(&mut out, img);
    let mut c = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    c.extend_from_slice(content.as_bytes());
    c.extend_from_slice(b"\nendstream");
    obj(&mut out, c);
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes());
    for o in &offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", offsets.len() + 1).as_bytes(),
    );
    out
}

/// The small strategy the committed fixtures hold: Cyrillic headings, a paragraph with a tracked
/// deletion, and a projects table with a merged sector row and a vertically merged cell.
pub fn fixture_docx() -> Vec<u8> {
    let mut d = Docx::default();
    d.para(Some("1"), "1. Раздел «Основные положения»");
    d.para(None, "Стратегия определяет цели цифровой трансформации отраслей экономики Энской области.");
    d.para_with_deletion("Срок реализации ", "до 2023 года ", "до 2030 года.");
    d.para(Some("2"), "1.1. Основания разработки.");
    d.para(None, "Указ Президента Российской Федерации от 21.07.2020 № 474.");
    d.page_break();
    d.para(Some("1"), "6. Раздел «Проекты развития отрасли»");
    d.table(&[
        vec![c("№ п/п"), c("Наименование"), c("Цель"), c("Срок реализации"), c("Финансирование")],
        vec![C { text: "1. Здравоохранение", span: 5, vmerge: None }],
        vec![
            c("1"),
            c("Телемедицинские консультации (рекомендовано ФОИВ)"),
            C { text: "Доступность медицинской помощи", span: 1, vmerge: Some("restart") },
            c("До 2024 года"),
            c("Федеральный бюджет"),
        ],
        vec![
            c("2"),
            c("Электронная медицинская карта"),
            C { text: "", span: 1, vmerge: Some("continue") },
            c("До 2030 года"),
            c("Региональный бюджет"),
        ],
    ]);
    d.finish()
}
