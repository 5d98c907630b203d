//! The messages themselves: one table, each entry with its Russian and English text. `{}` marks
//! a placeholder, filled in order by [`super::trf`]; both texts of an entry have the same number
//! of them (checked by a test).

use super::Lang;

macro_rules! catalogue {
    ($($(#[$m:meta])* $name:ident = $ru:literal, $en:literal;)*) => {
        /// A user-facing message.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($(#[$m])* $name,)* }

        impl Msg {
            /// Every message, in table order.
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];

            /// The message's text in a language.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) { $((Msg::$name, Lang::Ru) => $ru, (Msg::$name, Lang::En) => $en,)* }
            }
        }
    };
}

macro_rules! nouns {
    ($($(#[$m:meta])* $name:ident = [$($ru:literal),+], [$($en:literal),+];)*) => {
        /// A noun that is counted, with its plural forms.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Noun { $($(#[$m])* $name,)* }

        impl Noun {
            /// Every noun.
            pub const ALL: &'static [Noun] = &[$(Noun::$name,)*];

            /// The forms: Russian one, few, many (1, 3, 5); English singular, plural.
            pub fn forms(self, lang: Lang) -> &'static [&'static str] {
                match (self, lang) { $((Noun::$name, Lang::Ru) => &[$($ru),+], (Noun::$name, Lang::En) => &[$($en),+],)* }
            }
        }
    };
}

nouns! {
    /// A search match.
    Match = ["совпадение", "совпадения", "совпадений"], ["match", "matches"];
    /// A document.
    Document = ["документ", "документа", "документов"], ["document", "documents"];
    /// A file.
    File = ["файл", "файла", "файлов"], ["file", "files"];
    /// A section.
    Section = ["раздел", "раздела", "разделов"], ["section", "sections"];
    /// A project.
    Project = ["проект", "проекта", "проектов"], ["project", "projects"];
    /// An indicator.
    Indicator = ["показатель", "показателя", "показателей"], ["indicator", "indicators"];
    /// A problem.
    Problem = ["проблема", "проблемы", "проблем"], ["problem", "problems"];
    /// A warning.
    Warning = ["предупреждение", "предупреждения", "предупреждений"], ["warning", "warnings"];
    /// A version of a document.
    Version = ["версия", "версии", "версий"], ["version", "versions"];
    /// A version (edition) of one region's strategy.
    Edition = ["редакция", "редакции", "редакций"], ["version", "versions"];
    /// A block of text.
    Block = ["блок", "блока", "блоков"], ["block", "blocks"];
    /// A subsection.
    Subsection = ["подраздел", "подраздела", "подразделов"], ["subsection", "subsections"];
    /// A page.
    Page = ["страница", "страницы", "страниц"], ["page", "pages"];
    /// A byte.
    Byte = ["байт", "байта", "байт"], ["byte", "bytes"];
    /// A row of a table.
    Row = ["строка", "строки", "строк"], ["row", "rows"];
    /// A point of a score.
    Point = ["балл", "балла", "баллов"], ["point", "points"];
}

catalogue! {
    // Panes and places.
    /// The documents pane.
    Documents = "Документы", "Documents";
    /// The section tree pane.
    Sections = "Разделы", "Sections";
    /// The content pane.
    Content = "Текст", "Content";
    /// The document overview row and title.
    About = "О документе", "About";
    /// Help, in the status line.
    HelpPlace = "Справка", "Help";
    /// Problems, in the status line.
    ProblemsPlace = "Проблемы", "Problems";
    /// Status line place: a project card.
    CardPlace = "Карточка проекта", "Project card";
    /// Search, in the status line.
    SearchPlace = "Поиск", "Search";
    /// The palette, in the status line.
    JumpPlace = "Переход", "Jump";
    /// Compare mode, in the status line.
    ComparePlace = "Сравнение", "Compare";
    /// The documents pane while the first documents load.
    LoadingDocuments = "Документы загружаются…", "Loading documents…";
    /// The documents pane with nothing open.
    NoDocuments = "Документы не открыты.", "No documents opened.";
    /// Loading progress before the files are counted.
    Loading = "загрузка…", "loading…";
    /// Loading progress: done, total.
    LoadingOf = "загрузка {}/{}", "loading {}/{}";
    /// Mouse capture is on (status line).
    MouseOn = "мышь", "mouse";
    /// Problems count at the right of the status line: "e: 3 problems".
    ProblemsKey = "e: {}", "e: {}";

    /// A quality grade spelled out: the grade letter.
    Grade = "кач. {}", "grade {}";
    /// An illustrative version in the document list.
    IllustrativeShort = "(иллюстр.)", "(illustr.)";
    /// Files not opened at the bottom of the document list: count with noun.
    NotOpenedShort = "! не открыто: {} (e)", "! {} not opened (e)";
    /// Problems at the bottom of the document list: count with noun.
    ProblemsShort = "! {} (e)", "! {} (e)";
    /// The overview row of the tree.
    AboutThisDocument = "О документе", "About this document";

    // Messages in the status line.
    /// Files did not open: a count of files.
    FilesNotOpened = "не открыто: {}; e — список", "{} not opened: e lists them";
    /// Settings problems: a count of problems.
    SettingsProblems = "настройки: {}; e — список", "settings: {}; e lists them";
    /// Mouse capture switched on.
    MouseCaptureOn = "мышь захвачена (M отпускает)", "mouse capture on (M: off)";
    /// Mouse capture switched off.
    MouseCaptureOff = "мышь отпущена (M захватывает)", "mouse capture off (M: on)";
    /// Raw row text is shown.
    RawShown = "текст строк как есть (r: таблицы)", "raw row text (r: tables)";
    /// Tables are shown.
    TablesShown = "таблицы (r: текст строк как есть)", "tables (r: raw row text)";
    /// A side is unmarked: the side letter.
    Unmarked = "отметка {} снята", "{} unmarked";
    /// Both sides marked: the side letter.
    MarkedReady = "{} отмечен; c сравнивает A с B", "{} marked; c compares A with B";
    /// One side marked: the side letter, the key marking the other.
    MarkedOne = "{} отмечен; отметьте второй клавишей {}", "{} marked; mark the other with {}";
    /// Compare asked with nothing to compare.
    MarkTwoFirst =
        "сначала отметьте два документа: a — A, b — B (в списке документов)",
        "mark two documents first: a marks A, b marks B (documents pane)";
    /// Compare asked with one mark, on the selected document.
    MarkOtherFirst =
        "{} отмечен здесь же: выберите другой документ или отметьте его клавишей {}",
        "{} is marked on this very document: select another one or mark it with {}";
    /// A comparison runs.
    Comparing = "сравнение A с B… (c или Esc отменяет)", "comparing A with B… (c or Esc cancels)";
    /// A comparison was cancelled.
    ComparisonCancelled = "сравнение отменено", "comparison cancelled";
    /// Compare mode left.
    LeftCompare = "сравнение закрыто", "left compare mode";
    /// Compare mode entered: sections that differ, all sections.
    CompareReady = "различаются {} из {}; n — следующее изменение", "{} of {} differ; n: next change";
    /// Compare mode entered, with the time the diff took (debug): ms.
    CompareTook = "{} мс", "{} ms";
    /// Unchanged sections hidden.
    SameHidden = "неизменённые разделы скрыты (u показывает)", "unchanged sections hidden (u shows them)";
    /// All sections shown.
    AllSections = "все разделы", "all sections";
    /// The current change: number, total.
    ChangeOf = "изменение {} из {}", "change {} of {}";
    /// At the last change, moving on.
    LastChange = "изменение {} из {} — последнее; n ещё раз — к первому", "change {} of {}: the last; n again goes to the first";
    /// At the first change, moving back.
    FirstChange = "изменение {} из {} — первое; N ещё раз — к последнему", "change {} of {}: the first; N again goes to the last";
    /// No changes at all.
    NoChanges = "изменений нет: документы совпадают", "no changes: the documents are equal";
    /// A search failed (its thread ended without results).
    SearchFailed = "поиск не удался", "search failed";
    /// The match is not in the shown text.
    MatchHidden = "совпадение в заголовке или таблице (r: текст как есть)", "the match is in the title or a table (r: raw text)";
    /// Match n of m, text as printed.
    MatchOfRaw = "совпадение {} из {}; текст как напечатан (r: таблицы)", "match {} of {}; text as printed (r: tables)";
    /// Match n of m, with keys.
    MatchOfKeys = "совпадение {} из {} (n/N: следующее/предыдущее)", "match {} of {} (n/N: next/previous)";
    /// Match n of m.
    MatchOf = "совпадение {} из {}", "match {} of {}";
    /// n pressed with no marks.
    NoMatchesHere = "здесь нет совпадений (/ — поиск)", "no matches here (/ searches)";
    /// n pressed with marks in hidden text.
    MatchesInTable = "совпадения в тексте, скрытом таблицей (r: текст как есть)", "the matches are in text the table hides (r: raw text)";
    /// A count prefix is being typed.
    CountPrefix = "повтор: {}", "count: {}";

    // Search overlay.
    /// The search overlay's name.
    Search = "Поиск", "Search";
    /// The palette's name.
    JumpToSection = "Переход к разделу", "Jump to section";
    /// Overlay title, all documents: the overlay's name.
    ScopeAll = " {}: все документы (Tab — текущий) ", " {}: all documents (Tab: current) ";
    /// Overlay title, one document: name, region.
    ScopeOne = " {}: {} (Tab — все) ", " {}: {} (Tab: all) ";
    /// No document selected.
    NoDocument = "нет документа", "no document";
    /// Search hint with an empty query.
    SearchHint =
        "введите слова; 'точно ^начало конец$ !не; Enter открывает, Tab — где искать, Esc закрывает",
        "type words; 'exact ^prefix suffix$ !not; Enter opens, Tab scope, Esc closes";
    /// Palette hint with an empty query.
    PaletteHint =
        "несколько букв названия или ключа раздела; Enter переходит, Esc закрывает",
        "type a few letters of a section title or key; Enter jumps, Esc closes";
    /// The index is being built: a count of documents.
    Indexing = "индексирую {}…", "indexing {}…";
    /// A search runs with no results yet.
    Searching = "ищу…", "searching…";
    /// No matches.
    NoMatches = "совпадений нет", "no matches";
    /// Shown of total: shown count, total with noun.
    ShownOfTotal = "{} из {}", "{} of {}";
    /// The results are for another reading of the query (other keyboard layout, transliteration).
    ShownFor = "показаны результаты для «{}»", "showing results for «{}»";
    /// A result standing for several versions of a region's strategy: region, count of versions.
    RegionVersions = "{} ({})", "{} ({})";

    // Compare panes.
    /// The compare tree's title.
    CompareTitle = "Сравнение A|B", "Compare A|B";
    /// The compare tree's title with unchanged sections hidden.
    CompareTitleChanged = "Сравнение A|B (изменённые)", "Compare A|B (changed)";
    /// The summary row.
    Summary = "Сводка", "Summary";
    /// Sections (or items) that differ: a count.
    Differ = "{} разл.", "{} differ";
    /// The side by side layout.
    SideBySide = "A|B", "A|B";
    /// The unified layout.
    Unified = "единый", "unified";
    /// Projects: changed of all.
    ProjectsDiffer = "Проекты: различаются {} из {}", "Projects: {} of {} differ";
    /// Indicators: changed of all.
    IndicatorsDiffer = "Показатели: различаются {} из {}", "Indicators: {} of {} differ";
    /// An indicator's old name.
    Was = "было: {}", "was: {}";
    /// An indicator's unit changed: old, new.
    UnitChange = "единица {} → {}", "unit {} -> {}";
    /// A paragraph's diff hit its time budget.
    ApproximateParagraph =
        "(приблизительно: абзац превысил лимит времени; различия грубее)",
        "(approximate: a paragraph hit its time budget; coarser diff)";
    /// A section with no text on either side.
    NoTextEither = "(нет текста ни в одном документе)", "(no text in either document)";
    /// An illustrative revision.
    IllustrativeRevision = "(иллюстративная редакция)", "(illustrative revision)";
    /// Summary heading: sections.
    SumSections = "Разделы", "Sections";
    /// Summary heading: projects.
    SumProjects = "Проекты", "Projects";
    /// Summary heading: indicators.
    SumIndicators = "Показатели", "Indicators";
    /// Summary heading: words.
    SumWords = "Слова", "Words";
    /// Changed count.
    NChanged = "{} изменено", "{} changed";
    /// Added count.
    NAdded = "{} добавлено", "{} added";
    /// Removed count.
    NRemoved = "{} удалено", "{} removed";
    /// Moved count.
    NMoved = "{} перемещено", "{} moved";
    /// No changes in a summary row.
    NoChangesShort = "без изменений", "no changes";
    /// The diff hit its time budget.
    Approximate = "(приблизительно: часть абзацев превысила лимит времени)", "(approximate: some paragraphs hit their time budget)";
    /// The legend of marks.
    Legend =
        "Метки: = без изменений  ~ изменён  + добавлен  - удалён  > перемещён; в тексте [-было-] {+стало+}",
        "Marks: = same  ~ changed  + added  - removed  > moved; in text [-old-] {+new+}";
    /// Status names.
    StatusSame = "без изменений", "same";
    /// Changed.
    StatusChanged = "изменён", "changed";
    /// Added.
    StatusAdded = "добавлен", "added";
    /// Removed.
    StatusRemoved = "удалён", "removed";
    /// Moved.
    StatusMoved = "перемещён", "moved";

    // Overview of a document.
    /// Field label.
    Region = "Регион", "Region";
    /// Field label.
    VersionField = "Редакция", "Version";
    /// Illustrative version note.
    Illustrative = "[иллюстративная, не официальный документ]", "[illustrative, not an official document]";
    /// Field label.
    Note = "Примечание", "Note";
    /// Field label.
    Approved = "Утверждена", "Approved";
    /// No approving act.
    NoAct = "утверждающий акт в тексте не найден", "no approving act in the text";
    /// Field label.
    Period = "Период", "Period";
    /// Field label.
    Coordinator = "Координатор", "Coordinator";
    /// Field label.
    SourceField = "Источник", "Source";
    /// Source format.
    LineBroken = "текст с переносами строк", "line-broken text";
    /// Source format.
    Flattened = "сплошной текст", "flattened text";
    /// Field label.
    Quality = "Качество", "Quality";
    /// Quality: grade, score, warnings count.
    QualityValue = "оценка {} ({}), {}", "grade {} (score {}), {}";
    /// Field label.
    SectorsField = "Отрасли", "Sectors";
    /// Field label.
    ContentsField = "Состав", "Contents";
    /// Card heading.
    StrategyCard = "Паспорт стратегии", "Strategy card";
    /// Warnings heading.
    QualityWarnings = "Предупреждения о качестве", "Quality warnings";
    /// Warning place: line.
    AtLine = "строка {}", "line {}";
    /// Warning place: byte.
    AtByte = "байт {}", "byte {}";
    /// No such section.
    NoSuchSection = "(нет такого раздела)", "(no such section)";
    /// r shows text: blocks count.
    RShowsText = "r показывает текст раздела как напечатан ({})", "r shows the section's text as printed ({})";
    /// Raw text heading.
    TextAsPrinted = "Текст раздела как напечатан", "Section text as printed";
    /// Subsections heading: count.
    SubsectionsList = "{}:", "{}:";
    /// A section with no text.
    NoText = "(нет текста)", "(no text)";
    /// No projects.
    NoProjects = "Проекты для этой отрасли не распознаны.", "No projects recognised for this sector.";
    /// Projects heading: count.
    ProjectsHeading = "Проекты ({}); r — строки как есть", "Projects ({}); r shows the raw row text";
    /// No indicators.
    NoIndicators = "Показатели для этой отрасли не распознаны.", "No indicators recognised for this sector.";
    /// Indicators heading: count.
    IndicatorsHeading = "Показатели ({}); r — строки как есть", "Indicators ({}); r shows the raw row text";
    /// Table column.
    ColNo = "№", "No.";
    /// Table column.
    ColProject = "Проект", "Project";
    /// Table column.
    ColPeriod = "Срок", "Period";
    /// Table column.
    ColFunding = "Финансирование", "Funding";
    /// Table column.
    ColIndicator = "Показатель", "Indicator";
    /// Table column.
    ColUnit = "Ед.", "Unit";
    /// A project heading in the indicators table.
    ProjectLabel = "Проект: ", "Project: ";
    /// Rows split with low confidence: a count of rows.
    LowConfidence = "! {} разделены неуверенно; r показывает их текст", "! {} split with low confidence; r shows their raw text";
    /// Overview: the source line: file, format, encoding, size, pages.
    SourceValue = "{} ({}, {}, {}{})", "{} ({}, {}, {}{})";
    /// Overview: contents: sections, projects, indicators.
    ContentsValue = "{}, {}, {}", "{}, {}, {}";
    /// Overview: approval: authority, act.
    ApprovedValue = "{}, {}", "{}, {}";
    /// Overview: region name and key.
    RegionValue = "{} ({})", "{} ({})";
    /// Project card title: project id.
    CardTitle = " Проект {} (Esc закрывает) ", " Project {} (Esc closes) ";
    /// Card field label.
    FieldSector = "Отрасль", "Sector";
    /// Card field label.
    FieldNumber = "Номер", "Number";
    /// Card field label.
    FieldLevel = "Уровень", "Level";
    /// Card value: a federal template project.
    LevelFederal = "федеральный (рекомендовано ФОИВ)", "federal (recommended by the federal authorities)";
    /// Card value: a regional project.
    LevelRegional = "региональный", "regional";
    /// Card field label.
    FieldGoal = "Цель", "Goal";
    /// Card field label.
    FieldDescription = "Описание", "Description";
    /// Card field label.
    FieldTasks = "Задачи", "Tasks";
    /// Card field label.
    FieldRole = "Роль региона", "Region's role";
    /// Card field label.
    FieldBeneficiaries = "Благополучатели", "Beneficiaries";
    /// Card field label.
    FieldEffects = "Эффекты", "Effects";
    /// Card field label.
    FieldFunding = "Финансирование", "Funding";
    /// Card field label.
    FieldPeriod = "Срок", "Period";
    /// Card field label.
    FieldTechnologies = "Технологии", "Technologies";
    /// Card field label.
    FieldConfidence = "Надёжность", "Confidence";
    /// Card value: a field the document does not give.
    NotGiven = "(не указано)", "(not given)";
    /// Card heading of the row as recovered.
    RawRow = "Строка как распознана", "Row as recovered";
    /// Card warning: the row's cells were split with low confidence.
    RowUncertain = "! ячейки строки разделены неуверенно: сверьте поля со строкой ниже", "! the row's cells were split with low confidence: check the fields against the row below";
    /// Warnings of a section heading: count.
    SectionWarnings = "! {} в этом разделе (проверьте):", "! {} in this section (check):";
    /// Projects table hint: Enter opens a card.
    EnterOpensCard = "Enter — карточка проекта", "Enter opens the project card";
    /// Recommended by the federal authorities.
    RecommendedFederal = "(рекомендовано ФОИВ)", "(рекомендовано ФОИВ)";

    // Overlays.
    /// Help title.
    KeysTitle = " Клавиши (Esc/q закрывает) ", " Keys (Esc/q closes) ";
    /// Problems title.
    ProblemsTitle = " Проблемы (Esc/q закрывает) ", " Problems (Esc/q closes) ";
    /// Where keys are changed: the file.
    KeysFileNote =
        "Клавиши меняются в {} ([контекст] \"клавиша\" = \"действие\").",
        "Keys can be changed in {} ([context] \"key\" = \"action\").";
    /// The keys file when there is no config folder.
    KeysFileNowhere = "keys.toml в папке настроек", "keys.toml in the config folder";
    /// No problems.
    NoProblems = "Проблем нет: все файлы открылись.", "No problems: every file opened.";
    /// Problems list: a document's heading: label, spelled-out grade, score, warnings count.
    DocQuality = "{}: {}, {} баллов из 100, {}", "{}: {}, score {} of 100, {}";
    /// Grade A spelled out.
    GradeA = "оценка A — текст чистый", "grade A — clean text";
    /// Grade B spelled out.
    GradeB = "оценка B — мелкие повреждения", "grade B — minor damage";
    /// Grade C spelled out.
    GradeC = "оценка C — заметные повреждения, сверяйте с оригиналом", "grade C — noticeable damage, check against the original";
    /// Grade D spelled out.
    GradeD = "оценка D — сильно повреждён, сверяйте всё с оригиналом", "grade D — heavily damaged, check everything against the original";
    /// An unknown grade, as given.
    GradeOther = "оценка {}", "grade {}";
    /// Warnings outside any section.
    OutsideSections = "Вне разделов", "Outside any section";
    /// Problems list hint.
    EnterOpensSection = "j/k — выбрать предупреждение, Enter — открыть его раздел", "j/k picks a warning, Enter opens its section";
    /// Files not opened heading: count.
    FilesNotOpenedHeading = "Не открылись ({})", "Files not opened ({})";
    /// Settings problems heading.
    SettingsProblemsHeading = "Ошибки настроек (взяты значения по умолчанию)", "Settings problems (defaults used)";

    // Help: contexts.
    /// Context.
    CtxGlobal = "Везде", "Everywhere";
    /// Context.
    CtxDocuments = "Список документов", "Documents pane";
    /// Context.
    CtxSections = "Дерево разделов", "Sections pane";
    /// Context.
    CtxContent = "Текст раздела", "Content pane";
    /// Context.
    CtxOverlay = "Справка и списки проблем", "Help and problem lists";
    /// Context.
    CtxSearch = "Поиск (печатайте запрос)", "Search (type to search)";
    /// Context.
    CtxPalette = "Переход к разделу (название или ключ)", "Jump to section (type a title or key)";
    /// Context.
    CtxCompare = "Сравнение (разделы и различия)", "Compare mode (sections and diff)";
    /// Context.
    CtxNote = "Заметка (Enter — новая строка)", "Note input (Enter starts a new line)";
    /// Context.
    CtxNotes = "Список заметок", "Notes list";
    /// Context.
    CtxPending = "Ожидание второй клавиши", "Waiting for the second key";
    /// Status place: the note input.
    NotePlace = "Заметка", "Note";
    /// Status place: the notes list.
    NotesPlace = "Заметки", "Notes";
    /// Status place: a bookmark key waits for its letter.
    BookmarkPlace = "Закладка", "Bookmark";
    /// Status place: the report key waits for the format.
    ReportPlace = "Отчёт", "Report";

    // Review: notes, reviewed marks, reports, copy, jumps.
    /// Note input title: a new note.
    NewNoteTitle = "Новая заметка", "New note";
    /// Note input title: editing.
    EditNoteTitle = "Правка заметки", "Edit note";
    /// Note input: the keys, at its bottom edge.
    NoteInputKeys = "Ctrl-S — сохранить, Enter — новая строка, Esc — отмена", "Ctrl-S saves, Enter new line, Esc cancels";
    /// Note input: the place of a note on a paragraph: section key, number, first words.
    NoteOnBlock = "§ {}, абзац {}: «{}»", "§ {}, paragraph {}: “{}”";
    /// Note input: the place of a note on a whole section.
    NoteOnSection = "§ {}, весь раздел", "§ {}, the whole section";
    /// Note input: editing a note (place unknown).
    EditingNote = "правка заметки", "editing a note";
    /// Status: saved.
    NoteSaved = "Заметка сохранена", "Note saved";
    /// Status: not saved, why (the text stays in the input).
    NoteNotSaved = "Не сохранено: {}", "Not saved: {}";
    /// Status: an empty note.
    NoteEmpty = "Заметка пуста: напишите текст или Esc для отмены", "The note is empty: write something, or Esc to cancel";
    /// Status: text over the limit.
    NoteTooLong = "Заметка не длиннее {} знаков: лишнее не вставлено", "A note holds at most {} characters: the rest was not inserted";
    /// Status: Esc with text typed.
    EscAgainDiscards = "Esc ещё раз — выбросить написанное", "Esc again discards what you wrote";
    /// Status: the note input was closed without saving.
    NoteDiscarded = "Заметка не сохранена", "Note discarded";
    /// Status: no notes store configured.
    NoNotesStore = "хранилище заметок не настроено (STRATA_DATA_DIR или notes.store)", "no notes store is configured (STRATA_DATA_DIR or notes.store)";
    /// Status: notes need a section.
    NoteNeedsSection = "Выберите раздел, чтобы написать заметку", "Select a section to write a note";
    /// Status: a removed section has no place in B.
    NoteOnRemoved = "Раздел удалён в B: заметку пишите в документе A", "The section is removed in B: write the note on document A";
    /// Status: no document.
    NoDocumentOpen = "Нет открытого документа", "No document is open";
    /// Notes list title: document and count.
    NotesTitle = "Заметки: {} ({})", "Notes: {} ({})";
    /// Notes list: none.
    NoNotes = "Заметок к этому документу нет.", "This document has no notes.";
    /// Notes list: how to write one.
    NoNotesHint = "} и { выбирают абзац, i в тексте — заметка к нему, i в дереве — к разделу.", "} and { pick a paragraph, i in the text writes a note on it, i in the tree on the section.";
    /// Notes list heading of the orphans.
    OrphanedNotes = "Без места (абзац или раздел больше не найден):", "Orphaned (the paragraph or section is no longer found):";
    /// A note's place: section and paragraph.
    NotePlaceBlock = "§ {} абзац {}", "§ {} paragraph {}";
    /// A note's place: the whole section.
    NotePlaceSection = "§ {}", "§ {}";
    /// A carried note: the version it was written on.
    CarriedFrom = "(из редакции {})", "(from version {})";
    /// Orphan reason.
    OrphanSectionGone = "раздела нет", "the section is gone";
    /// Orphan reason.
    OrphanBlockGone = "абзаца нет", "the paragraph is gone";
    /// Status: an orphan has no place to open.
    OrphanCannotOpen = "У этой заметки нет места: {}", "This note has no place: {}";
    /// Status: press d again.
    DeleteAgain = "d ещё раз — удалить заметку", "d again deletes the note";
    /// Status: deleted.
    NoteDeleted = "Заметка удалена", "Note deleted";
    /// Status line: review progress.
    ReviewedProgress = "просмотрено {} из {} изменённых разделов", "reviewed {} of {} changed sections";
    /// Status line: review progress with one changed section.
    ReviewedProgressOne = "просмотрено {} из {} изменённого раздела", "reviewed {} of {} changed section";
    /// Status: marked reviewed.
    MarkedReviewed = "Раздел отмечен как просмотренный", "Section marked reviewed";
    /// Status: mark cleared.
    UnmarkedReviewed = "Отметка о просмотре снята", "Reviewed mark cleared";
    /// Status: reviewed marks need a section.
    ReviewNeedsSection = "Выберите изменённый раздел", "Select a changed section";
    /// Status: an unchanged section.
    ReviewUnchanged = "Раздел не изменён: отмечать нечего", "The section is unchanged: nothing to review";
    /// Status: filter on.
    OnlyUnreviewedShown = "Только непросмотренные изменённые разделы", "Only changed sections not yet reviewed";
    /// Status: the report key waits for the format.
    ReportPrompt = "Отчёт: m — Markdown, h — HTML, d — DOCX (Esc — отмена)", "Report: m Markdown, h HTML, d DOCX (Esc cancels)";
    /// Status: report written, where.
    ReportWritten = "Отчёт записан: {}", "Report written: {}";
    /// Status: report not written, why.
    ReportNotWritten = "Отчёт не записан: {}", "Report not written: {}";
    /// Status: copied, what and how many characters.
    Copied = "Скопировано в буфер обмена: {}, {} зн.", "Copied to the clipboard: {}, {} characters";
    /// Status: copied only the beginning.
    CopiedTruncated = "Скопировано только начало: {}, {} зн. (предел терминала)", "Copied only the beginning: {}, {} characters (terminal limit)";
    /// What was copied.
    CopiedBlock = "абзац {}", "paragraph {}";
    /// What was copied.
    CopiedSection = "раздел", "the section";
    /// What was copied.
    CopiedDiff = "различия раздела", "the section's diff";
    /// What was copied: a diff row by label.
    CopiedDiffRow = "различия абзаца {}", "the diff of paragraph {}";
    /// What was copied.
    CopiedSummary = "сводка сравнения", "the comparison summary";
    /// What was copied.
    CopiedNote = "заметка", "the note";
    /// Status: nothing to copy.
    NothingToCopy = "Копировать нечего: выберите раздел", "Nothing to copy: select a section";
    /// Status: the jump list is at its start.
    NoEarlierJump = "Раньше переходов не было", "No earlier jump";
    /// Status: the jump list is at its end.
    NoLaterJump = "Дальше переходов нет", "No later jump";
    /// Status: a jump's place is gone.
    JumpGone = "Этого места больше нет (документ или сравнение закрыто)", "That place is gone (its document or comparison was closed)";
    /// Status: waiting for a bookmark letter.
    BookmarkSetPrompt = "Закладка: буква для этого места", "Bookmark: a letter for this place";
    /// Status: waiting for a bookmark letter.
    BookmarkGoPrompt = "К закладке: её буква", "Go to bookmark: its letter";
    /// Status: bookmark set.
    BookmarkSet = "Закладка {} поставлена", "Bookmark {} set";
    /// Status: bookmark set for this session only, why.
    BookmarkNotKept = "Закладка {} поставлена только до выхода: {}", "Bookmark {} set for this session only: {}";
    /// Status: went to a bookmark.
    BookmarkWent = "Закладка {}", "Bookmark {}";
    /// Status: no such bookmark.
    NoBookmark = "Закладки {} нет", "No bookmark {}";
    /// Status: a prefix key cancelled.
    Cancelled = "Отменено", "Cancelled";
}

/// What an action does, for the help, and its one-word label for the status line.
pub fn action_text(name: &str, lang: Lang) -> Option<(&'static str, &'static str)> {
    let ru = lang == Lang::Ru;
    let pick = |r: (&'static str, &'static str), e: (&'static str, &'static str)| if ru { r } else { e };
    Some(match name {
        "up" => pick(("вверх на строку", "ход"), ("up one line", "move")),
        "down" => pick(("вниз на строку", "ход"), ("down one line", "move")),
        "page_up" => pick(("страница вверх", "стр."), ("up one page", "page")),
        "page_down" => pick(("страница вниз", "стр."), ("down one page", "page")),
        "half_page_up" => pick(("полстраницы вверх", "стр."), ("up half a page", "page")),
        "half_page_down" => pick(("полстраницы вниз", "стр."), ("down half a page", "page")),
        "top" => pick(("в начало", "начало"), ("to the top", "top/end")),
        "bottom" => pick(("в конец", "конец"), ("to the bottom", "top/end")),
        "left" => pick(("свернуть / панель слева", "влево"), ("collapse / pane to the left", "left")),
        "right" => pick(("развернуть / панель справа", "вправо"), ("expand / pane to the right", "right")),
        "open" => pick(("открыть выбранное", "открыть"), ("open the selected item", "open")),
        "toggle_fold" => pick(("свернуть или развернуть раздел", "свернуть"), ("collapse or expand section", "fold")),
        "next_pane" => pick(("следующая панель", "панель"), ("next pane", "pane")),
        "prev_pane" => pick(("предыдущая панель", "панель"), ("previous pane", "pane")),
        "maximize" => pick(("панель во весь экран / обратно", "экран"), ("maximise pane / restore", "max")),
        "toggle_raw" => pick(("таблицы / строки как есть", "строки"), ("tables / raw row text", "raw")),
        "show_problems" => {
            pick(("неоткрытые файлы и проблемы", "проблемы"), ("files not opened, problems", "problems"))
        }
        "help" => pick(("эта справка", "справка"), ("this help", "help")),
        "toggle_mouse" => pick(("захват мыши вкл/выкл", "мышь"), ("mouse capture on/off", "mouse")),
        "redraw" => pick(("перерисовать экран", "экран"), ("redraw the screen", "redraw")),
        "suspend" => pick(("в фон (fg возвращает)", "фон"), ("suspend (fg resumes)", "suspend")),
        "mark_a" => pick(("отметить документ как A (старый)", "A"), ("mark document as A (old side)", "mark A")),
        "mark_b" => pick(("отметить документ как B (новый)", "B"), ("mark document as B (new side)", "mark B")),
        "toggle_compare" => {
            pick(("сравнить A с B / выйти", "сравнить"), ("compare A with B / leave compare", "compare"))
        }
        "next_change" => pick(("следующее изменение", "изменение"), ("next change", "change")),
        "prev_change" => pick(("предыдущее изменение", "изменение"), ("previous change", "change")),
        "hide_same" => {
            pick(("скрыть / показать неизменённые", "скрыть"), ("hide / show unchanged sections", "hide same"))
        }
        "toggle_layout" => pick(("рядом / единым текстом", "вид"), ("side by side / unified diff", "layout")),
        "close" => pick(("закрыть / выйти из режима", "закрыть"), ("close / leave the mode", "close")),
        "open_search" => {
            pick(("поиск (результаты по мере ввода)", "поиск"), ("search (results as you type)", "search"))
        }
        "open_palette" => {
            pick(("переход к разделу по названию или ключу", "переход"), ("jump to a section by title or key", "jump"))
        }
        "toggle_scope" => {
            pick(("текущий документ / все документы", "где"), ("current document / all documents", "scope"))
        }
        "next_match" => pick(("следующее совпадение", "совпад."), ("next match", "match")),
        "prev_match" => pick(("предыдущее совпадение", "совпад."), ("previous match", "match")),
        "clear_input" => pick(("стереть введённое", "стереть"), ("clear the typed text", "clear")),
        "add_note" => pick(
            ("заметка к разделу или к абзацу под курсором", "заметка"),
            ("note on the section, or on the paragraph at the cursor", "note"),
        ),
        "next_block" => {
            pick(("следующий абзац (курсор абзаца)", "абзац"), ("next paragraph (paragraph cursor)", "paragraph"))
        }
        "prev_block" => pick(("предыдущий абзац", "абзац"), ("previous paragraph", "paragraph")),
        "notes_list" => pick(("заметки к документу", "заметки"), ("this document's notes", "notes")),
        "save_note" => pick(("сохранить заметку", "сохранить"), ("save the note", "save")),
        "edit_note" => pick(("править заметку", "править"), ("edit the note", "edit")),
        "delete_note" => pick(("удалить заметку (дважды)", "удалить"), ("delete the note (press twice)", "delete")),
        "mark_reviewed" => {
            pick(("отметить раздел просмотренным / снять", "просмотрен"), ("mark section reviewed / clear", "reviewed"))
        }
        "only_unreviewed" => pick(
            ("только непросмотренные изменения / все", "непросм."),
            ("only unreviewed changes / all", "unreviewed"),
        ),
        "write_report" => {
            pick(("записать отчёт (затем m, h или d)", "отчёт"), ("write a report (then m, h or d)", "report"))
        }
        "copy" => pick(
            ("копировать абзац, различие или заметку (OSC 52)", "копировать"),
            ("copy the paragraph, diff or note (OSC 52)", "copy"),
        ),
        "copy_section" => pick(("копировать весь раздел", "копир. раздел"), ("copy the whole section", "copy all")),
        "jump_back" => pick(("назад по переходам", "назад"), ("back along the jumps", "back")),
        "jump_forward" => pick(("вперёд по переходам", "вперёд"), ("forward along the jumps", "forward")),
        "set_bookmark" => {
            pick(("поставить закладку (затем буква)", "закладка"), ("set a bookmark (then a letter)", "mark"))
        }
        "go_bookmark" => {
            pick(("к закладке (затем буква)", "к закладке"), ("go to a bookmark (then its letter)", "go to mark"))
        }
        "quit" => pick(("выход", "выход"), ("quit", "quit")),
        _ => return None,
    })
}
