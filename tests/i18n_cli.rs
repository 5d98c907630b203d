//! The command line in the interface language: `--help`, messages, numbers, plurals, dates and
//! report headings in Russian under a Russian locale and in English under `LANG=C`; `--lang` and
//! `interface.lang` in config.toml choosing over the locale.

use std::path::Path;
use std::process::{Command, Output};

/// Runs strata in `cwd` with only the locale variables given (the caller's are removed; other
/// variables given there replace the defaults) and an empty config folder and notes store of the
/// test's own.
fn run(locale: &[(&str, &str)], args: &[&str], home: &Path) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_strata"));
    for k in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        c.env_remove(k);
    }
    c.env("STRATA_CONFIG_DIR", home.join("config"))
        .env("XDG_CONFIG_HOME", home.join("xdg"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("STRATA_DATA_DIR", home.join("data"))
        .envs(locale.iter().copied())
        .env_remove("NO_COLOR")
        .args(args)
        .current_dir(home)
        .output()
        .unwrap()
}

const RU: &[(&str, &str)] = &[("LANG", "ru_RU.UTF-8")];
const C: &[(&str, &str)] = &[("LANG", "C")];

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: Output) -> String {
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    out(&o)
}

fn sample(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples").join(name).display().to_string()
}

#[test]
fn help_follows_the_locale() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let ru = ok(run(RU, &["--help"], h));
    for want in
        ["Использование: strata", "Команды:", "Параметры:", "Сравнить два документа по разделам", "Показать справку"]
    {
        assert!(ru.contains(want), "{want:?} not in:\n{ru}");
    }
    for english in ["Usage:", "Options:", "Commands:", "Print help", "Compare two documents"] {
        assert!(!ru.contains(english), "{english:?} in the Russian help:\n{ru}");
    }
    let diff = ok(run(RU, &["diff", "-h"], h));
    assert!(diff.contains("Прежний документ") && diff.contains("[по умолчанию: unified]"), "{diff}");
    let via_help = ok(run(RU, &["help", "diff"], h));
    assert!(via_help.contains("Прежний документ"), "{via_help}");
    let note_add = ok(run(&[("LC_MESSAGES", "ru_RU.UTF-8"), ("LANG", "C")], &["note", "add", "--help"], h));
    assert!(note_add.contains("Добавить замечание"), "LC_MESSAGES before LANG:\n{note_add}");

    let en = ok(run(C, &["--help"], h));
    assert!(en.contains("Usage: strata") && en.contains("Compare two documents section by section"), "{en}");
    assert!(!en.contains("Использование"), "{en}");
    let en = ok(run(&[("LC_ALL", "C"), ("LANG", "ru_RU.UTF-8")], &["diff", "--help"], h));
    assert!(en.contains("The old document"), "LC_ALL wins:\n{en}");
}

#[test]
fn lang_option_and_config_key_choose_over_the_locale() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let en = ok(run(RU, &["--lang", "en", "--help"], h));
    assert!(en.contains("Usage:") && !en.contains("Использование"), "{en}");
    let ru = ok(run(C, &["show", "--help", "--lang=ru"], h));
    assert!(ru.contains("Использование: strata show"), "{ru}");

    std::fs::create_dir_all(h.join("config")).unwrap();
    std::fs::write(h.join("config/config.toml"), "[interface]\nlang = \"ru\"\n").unwrap();
    let ru = ok(run(C, &["--help"], h));
    assert!(ru.contains("Использование:"), "interface.lang = ru under LANG=C:\n{ru}");
    let en = ok(run(C, &["--lang", "en", "--help"], h));
    assert!(en.contains("Usage:"), "--lang beats the config:\n{en}");

    std::fs::write(h.join("config/config.toml"), "[interface]\nlang = \"de\"\n").unwrap();
    let bad = run(C, &["--help"], h);
    assert_eq!(bad.status.code(), Some(2));
    assert!(err(&bad).contains("config.toml: interface.lang: unknown language"), "{}", err(&bad));
    assert!(out(&bad).is_empty());
    std::fs::remove_file(h.join("config/config.toml")).unwrap();

    let bad = run(RU, &["--lang", "de", "--help"], h);
    assert_eq!(bad.status.code(), Some(2));
    assert!(err(&bad).contains("неизвестный язык «de»"), "{}", err(&bad));
}

#[test]
fn messages_in_each_language() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &["diff", "a", "b", "--formt", "stat"],
            "ошибка: неизвестный параметр «--formt»",
            "unexpected argument '--formt'",
        ),
        (&["search", "  "], "пустой запрос", "empty query"),
        (
            &["diff", "ivanovo@2021-08-20", "nosuch"],
            "nosuch: нет ни такого файла",
            "nosuch: no such file and no document",
        ),
        (
            &["show", &sample("ivanovo.json"), "--section", "problms.healthcare"],
            "может быть, problems.healthcare?",
            "did you mean problems.healthcare?",
        ),
    ];
    for (args, ru, en) in cases {
        let o = run(RU, args, h);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(err(&o).contains(ru), "{args:?}: {}", err(&o));
        let o = run(C, args, h);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(err(&o).contains(en), "{args:?}: {}", err(&o));
    }
    // A bare region: which version was taken, said on stderr.
    let o = run(RU, &["diff", "ivanovo", "ivanovo@2022-08-26", "--format", "stat"], h);
    assert!(err(&o).contains("ivanovo: взята ivanovo@2021-08-20"), "{}", err(&o));
}

#[test]
fn numbers_dates_and_plurals_follow_russian_conventions() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let show = ok(run(RU, &["show", &sample("ivanovo.json")], h));
    assert!(show.contains("распоряжение от 20.08.2021 № 87-рп"), "{show}");
    let show = ok(run(C, &["show", &sample("ivanovo.json")], h));
    assert!(show.contains("распоряжение of 2021-08-20, No. 87-рп"), "{show}");

    let table = ok(run(RU, &["overview", "ivanovo@2021-08-20", "problems.healthcare"], h));
    let header = table.lines().nth(1).unwrap();
    assert!(header.contains("регион") && header.contains("сходство"), "{table}");
    let percent = |t: &str, point: char| {
        t.lines().skip(2).any(|l| {
            let cells: Vec<&str> = l.split_whitespace().collect();
            cells.iter().any(|c| c.ends_with('%') && c.contains(point))
        })
    };
    assert!(percent(&table, ','), "decimal comma:\n{table}");
    let table = ok(run(C, &["overview", "ivanovo@2021-08-20", "problems.healthcare"], h));
    assert!(percent(&table, '.') && table.contains("similarity"), "decimal point:\n{table}");

    let o = run(RU, &["search", "цифровой", "--limit", "1"], h);
    let more = err(&o);
    let line = more.lines().find(|l| l.contains("за пределом --limit 1")).unwrap_or_else(|| panic!("{more}"));
    let n: usize = line.split_whitespace().nth(1).unwrap().replace('\u{202f}', "").parse().unwrap();
    let noun = match (n % 10, n % 100) {
        (1, h) if h != 11 => "результат",
        (2..=4, h) if !(12..=14).contains(&h) => "результата",
        _ => "результатов",
    };
    assert!(line.starts_with(&format!("ещё {} {noun} ", line.split_whitespace().nth(1).unwrap())), "{line}");
    let o = run(C, &["search", "цифровой", "--limit", "1"], h);
    assert!(err(&o).contains(" more results past --limit 1"), "{}", err(&o));

    let summary = ok(run(RU, &[&sample("ivanovo.json"), &sample("tver.json")], h));
    assert!(summary.starts_with("strata: 2 документа; не открыто: 0 файлов\n"), "{summary}");
    let summary = ok(run(C, &[&sample("ivanovo.json")], h));
    assert!(summary.starts_with("strata: 1 document, 0 files not opened\n"), "{summary}");
}

#[test]
fn diff_summaries_follow_the_language() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let args = ["diff", "ivanovo@2021-08-20", "ivanovo@2022-08-26"];
    let o = run(RU, &args, h);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(out(&o).contains("(изменён, сходство 94%, слов +14 -0)"), "{}", out(&o));
    let stat = out(&run(RU, &[&args[..], &["--format", "stat"]].concat(), h));
    assert!(stat.contains("различаются: разделов 6") && stat.contains("разделы: изменено 6"), "{stat}");
    let o = run(C, &args, h);
    assert!(out(&o).contains("(changed, 94% similar, +14 -0 words)"), "{}", out(&o));
    let matrix = ok(run(RU, &["matrix", "--sector", "healthcare"], h));
    assert!(matrix.starts_with("регионов: 5; федеральных проектов:"), "{matrix}");
    let matrix = ok(run(C, &["matrix", "--sector", "healthcare"], h));
    assert!(matrix.starts_with("5 regions, "), "{matrix}");
    let section = ok(run(RU, &["compare-section", "problems.healthcare"], h));
    assert!(section.contains("типового текста") && section.contains("добавляет:"), "{section}");
}

#[test]
fn report_headings_follow_the_language() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let args = ["report", "ivanovo@2021-08-20", "ivanovo@2022-08-26"];
    let ru = ok(run(RU, &args, h));
    assert!(ru.starts_with("# Сравнение редакций стратегии"), "{ru}");
    assert!(ru.contains("## Сводка") && ru.contains("от 20.08.2021 № 87-рп"), "{ru}");
    let en = ok(run(C, &args, h));
    assert!(en.starts_with("# Strategy comparison") && en.contains("## Summary"), "{en}");
    let en = ok(run(RU, &[&args[..], &["--lang", "en"]].concat(), h));
    assert!(en.starts_with("# Strategy comparison"), "--lang en over a Russian locale:\n{en}");
}

/// A DOCX whose document part is cut off mid-tag.
fn broken_docx(path: &Path) {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let o = zip::write::SimpleFileOptions::default();
    z.start_file("[Content_Types].xml", o).unwrap();
    z.write_all(
        br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
    )
    .unwrap();
    z.start_file("word/document.xml", o).unwrap();
    let doc =
        r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Стратегия</w:t></w:r></w:p></w:bod"#;
    z.write_all(doc.as_bytes()).unwrap();
    z.finish().unwrap();
}

#[test]
fn reader_normalizer_and_store_errors_name_the_file_the_place_and_the_problem_in_russian() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    std::fs::write(h.join("binary.txt"), b"\xd0\xa1\xd1\x82\xd1\x80\n\x00\x01\x02\x03 data").unwrap();
    std::fs::write(h.join("letter.txt"), "Уважаемые коллеги!\n\nПрошу рассмотреть вопрос.\n").unwrap();
    broken_docx(&h.join("broken.docx"));
    std::fs::create_dir_all(h.join("data")).unwrap();
    let cases: [(&[&str], &[&str], &[&str]); 3] = [
        (
            &["normalize", "binary.txt"],
            &["binary.txt: байт ", ": двоичные данные, а не текст"],
            &["binary.txt: byte ", "binary data"],
        ),
        (
            &["normalize", "letter.txt"],
            &["letter.txt: не стратегия цифровой трансформации: найдено разделов шаблона"],
            &["letter.txt: not a digital-transformation strategy"],
        ),
        (
            &["normalize", "broken.docx"],
            &["broken.docx: word/document.xml, байт ", ": разметка XML внутри файла нарушена"],
            &["broken.docx: word/document.xml, byte ", ": not well-formed XML"],
        ),
    ];
    for (args, ru, en) in cases {
        for (locale, want, other) in [(RU, ru, en), (C, en, ru)] {
            let o = run(locale, args, h);
            assert_eq!(o.status.code(), Some(2), "{args:?} {locale:?}: {}", err(&o));
            let e = err(&o);
            for w in want {
                assert!(e.contains(w), "{args:?} {locale:?}: {w:?} not in {e}");
            }
            for w in other {
                assert!(!e.contains(w), "{args:?} {locale:?}: {w:?} in {e}");
            }
        }
    }
    // Nothing half-written.
    assert!(!h.join("binary.json").exists() && !h.join("broken.json").exists());
    // A notes store that is not one.
    std::fs::write(h.join("data/notes.sqlite"), vec![b'x'; 4096]).unwrap();
    let o = run(RU, &["note", "list"], h);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("notes.sqlite: это не хранилище заметок: файл не является базой SQLite"), "{}", err(&o));
    let o = run(C, &["note", "list"], h);
    assert!(err(&o).contains("notes.sqlite: not a notes store"), "{}", err(&o));
}

/// The words of the tools and libraries strata uses (XML and zip readers, SQLite, the OS) come
/// after a Russian lead that says what happened, as a quoted detail; the common OS errors are
/// Russian themselves.
#[test]
fn external_tools_words_are_quoted_after_a_russian_lead() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    broken_docx(&h.join("broken.docx"));
    // A DOCX whose document part no longer matches its checksum.
    let mut crc = Vec::new();
    {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(&mut crc));
        let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        z.start_file("word/document.xml", o).unwrap();
        z.write_all(br#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body><w:p/></w:body></w:document>"#).unwrap();
        z.finish().unwrap();
    }
    let at = crc.windows(6).position(|w| w == b"<w:p/>").unwrap();
    crc[at + 1] = b'x';
    std::fs::write(h.join("crc.docx"), crc).unwrap();
    std::fs::write(h.join("plain"), "a file, not a folder").unwrap();
    std::fs::write(h.join("export.json"), r#"{"strata_notes": 1, "notes": [], "deleted": []}"#).unwrap();
    let under_a_file = h.join("plain/notes").display().to_string();
    /// Arguments, variables to set, what stderr must hold.
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a [&'a str]);
    let cases: [Case; 4] = [
        (
            &["normalize", "--lang", "ru", "broken.docx"],
            &[],
            &[
                "broken.docx: word/document.xml, байт ",
                ": разметка XML внутри файла нарушена: файл испорчен или сохранён не полностью (сообщение разборщика XML: «",
            ],
        ),
        (
            &["normalize", "--lang", "ru", "crc.docx"],
            &[],
            &["crc.docx: word/document.xml: не удалось распаковать часть файла (сообщение распаковщика: «"],
        ),
        (
            &["note", "import", "--lang", "ru", "nosuch.json"],
            &[],
            &["nosuch.json: не удалось прочитать: нет такого файла или папки"],
        ),
        (
            &["note", "import", "--lang", "ru", "export.json"],
            &[("STRATA_DATA_DIR", &under_a_file)],
            &["plain/notes: не удалось создать папку заметок: часть пути — файл, а не папка"],
        ),
    ];
    for (args, env, want) in cases {
        let mut locale = vec![("LANG", "C")];
        locale.extend_from_slice(env);
        let o = run(&locale, args, h);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        // The test's own folder has a random name: not a word of the message.
        let e = err(&o).replace(&h.display().to_string(), "");
        for w in want {
            assert!(e.contains(w), "{args:?}: {w:?} not in {e}");
        }
        // Outside the quoted detail no English word is left (file names and formats aside).
        let mut lead = String::new();
        let mut depth = 0;
        for c in e.chars() {
            match c {
                '«' => depth += 1,
                '»' => depth -= 1,
                _ if depth == 0 => lead.push(c),
                _ => {}
            }
        }
        let english: Vec<&str> = lead
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| {
                w.len() > 2
                    && ![
                        "strata", "broken", "crc", "docx", "word", "document", "xml", "XML", "nosuch", "json",
                        "export", "plain", "notes",
                    ]
                    .contains(w)
            })
            .collect();
        assert!(english.is_empty(), "{args:?}: English words {english:?} outside the quotes in {e}");
    }
}

#[test]
fn quality_warnings_follow_the_language() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw/tver.txt").display().to_string();
    let out = h.join("tver.json").display().to_string();
    let o = run(RU, &["normalize", &raw, "-o", &out, "--report"], h);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let ru = err(&o);
    // tver is flattened text: its punctuation was stripped, said in Russian.
    assert!(ru.contains("punct_stripped") && ru.contains("знаков препинания на"), "{ru}");
    assert!(!ru.contains("punctuation marks in"), "{ru}");
    let o = run(C, &["normalize", &raw, "-o", &out, "--report"], h);
    assert!(err(&o).contains("punctuation marks in"), "{}", err(&o));
    // The stored JSON keeps the English text (schema 1).
    let json = std::fs::read_to_string(h.join("tver.json")).unwrap();
    assert!(json.contains("punctuation marks in") && !json.contains("знаков препинания на"));
}
