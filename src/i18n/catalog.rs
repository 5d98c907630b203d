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
    /// The search result opened by `]`/`[`: number in reading order, total, what the match line says.
    ResultOf = "результат {} из {}; {}", "result {} of {}; {}";
    /// `]` at the last result: number, total.
    LastResult = "результат {} из {} — последний", "result {} of {}: the last";
    /// `[` at the first result: number, total.
    FirstResult = "результат {} из {} — первый", "result {} of {}: the first";
    /// `]` or `[` with no search results.
    NoResults = "нет результатов поиска (/ — поиск)", "no search results (/ searches)";
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
        "next_result" => pick(("следующий результат поиска", "результат"), ("next search result", "result")),
        "prev_result" => pick(("предыдущий результат поиска", "результат"), ("previous search result", "result")),
        "clear_input" => pick(("стереть введённое", "стереть"), ("clear the typed text", "clear")),
        "quit" => pick(("выход", "выход"), ("quit", "quit")),
        _ => return None,
    })
}
