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
    /// A sector of the economy or society.
    Sector = ["отрасль", "отрасли", "отраслей"], ["sector", "sectors"];
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
    /// A search result.
    Result = ["результат", "результата", "результатов"], ["result", "results"];
    /// «из N изменённых разделов»: a changed section after «из» (genitive).
    ChangedSectionOf = ["изменённого раздела", "изменённых разделов", "изменённых разделов"], ["changed section", "changed sections"];
    /// A point of a score.
    Point = ["балл", "балла", "баллов"], ["point", "points"];
    /// A punctuation mark.
    PunctMark = ["знак препинания", "знака препинания", "знаков препинания"], ["punctuation mark", "punctuation marks"];
    /// A lowercase stopword (a preposition, a conjunction).
    Stopword = ["служебное слово", "служебных слова", "служебных слов"], ["lowercase stopword", "lowercase stopwords"];
    /// A word.
    Word = ["слово", "слова", "слов"], ["word", "words"];
    /// «из N слов»: a word after «из» (genitive).
    WordOf = ["слова", "слов", "слов"], ["word", "words"];
    /// «из N значений показателей»: an indicator value after «из» (genitive).
    IndicatorValueOf = ["значения показателей", "значений показателей", "значений показателей"], ["indicator value", "indicator values"];
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
    /// A count still being made: at least this many (a count with noun).
    AtLeast = "≥ {}", "≥ {}";
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
    /// A paragraph pair too long for the exact diff.
    ApproximateParagraph =
        "(приблизительно: абзац слишком длинный для точного сравнения; различия грубее)",
        "(approximate: a paragraph too long for the exact diff; coarser diff)";
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
    /// Some pairs were too long for the exact diff.
    Approximate = "(приблизительно: часть абзацев слишком длинна для точного сравнения)", "(approximate: some paragraphs too long for the exact diff)";
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

    // Across regions.
    /// Status line place: the project matrix.
    MatrixPlace = "Матрица проектов", "Project matrix";
    /// Status line place: indicators across regions.
    IndicatorsPlace = "Показатели регионов", "Indicators across regions";
    /// Status line place: one section in every region.
    SectionPlace = "Раздел по регионам", "Section across regions";
    /// The matrix title: rows, regions, sector, order.
    MatrixTitle = "Матрица: {} в {} регионах; отрасль: {}; {}", "Matrix: {} in {} regions; sector: {}; {}";
    /// The indicators title: rows, regions, sector, order.
    IndicatorsTitle = "Показатели: {} в {} регионах; отрасль: {}; {}", "Indicators: {} in {} regions; sector: {}; {}";
    /// No sector filter.
    AllSectors = "все", "all";
    /// Rows in sector order.
    SortBySector = "по отраслям", "by sector";
    /// Rows by how many regions have them.
    SortByRegions = "по числу регионов", "by number of regions";
    /// No rows to show.
    NothingHere = "здесь пусто (f — другая отрасль)", "nothing here (f: another sector)";
    /// Matrix legend (symbols).
    MatrixLegend = "{} есть, помечен ФОИВ  {} есть  {} нет", "{} has it, marked federal  {} has it  {} has not";
    /// The selected cell: region, its wording of the name.
    CellWording = "{}: «{}»", "{}: «{}»";
    /// The selected cell of a region without the project: region.
    CellMissing = "{}: нет", "{}: none";
    /// The selected row: sector, regions with it, regions, level.
    RowInfo = "отрасль {}; в {} из {} регионов; {}", "sector {}; in {} of {} regions; {}";
    /// Level of a matrix row.
    FederalShort = "федеральный", "federal";
    /// Level of a matrix row.
    RegionalShort = "региональный", "regional";
    /// Enter on a region without the project: region.
    NotInRegion = "в регионе «{}» этого нет", "«{}» has none";
    /// An across view while its job computes it: the view's name.
    AcrossComputing = "{}: вычисляется…", "{}: computing…";
    /// An across view's job ended without a result.
    AcrossFailed = "не удалось вычислить представление", "the view could not be computed";
    /// Across views need two regions.
    NeedTwoRegions = "откройте документы хотя бы двух регионов", "open documents of at least two regions";
    /// The spread of a year: year, lowest, regions, highest, regions, compared.
    SpreadLine = "{}: мин. {} ({}), макс. {} ({}); сравнено {}", "{}: lowest {} ({}), highest {} ({}); {} compared";
    /// Regions left out of a spread for another unit.
    OtherUnits = "  в других единицах: {}", "  in other units: {}";
    /// Indicators legend (lowest and highest marks).
    SpreadLegend = "{} наименьший  {} наибольший", "{} lowest  {} highest";
    /// The section compare title: key, title, regions, threshold.
    SectionTitle = "{} {}: регионов {}; шаблон — текст, общий для {} и более", "{} {}: {} regions; template: text {} or more share";
    /// A region's share of template text: percent.
    TemplateShare = "шаблон {}%", "template {}%";
    /// Columns view.
    ViewColumns = "колонки", "columns";
    /// Additions view.
    ViewAdditions = "что добавил каждый", "what each adds";
    /// Template dimming on.
    TemplateDimmed = "общий текст шаблона приглушён, своё выделено (B снимает)", "template text dimmed, each region's own emphasised (B: off)";
    /// Template dimming off.
    TemplateShown = "шаблон не выделяется (B выделяет)", "template not marked (B marks it)";
    /// No section to compare.
    PickTextSection = "выберите раздел в дереве разделов", "select a section in the sections pane";
    /// Compare header: punctuation ignored.
    PunctIgnored = "без пункт.", "no punct.";
    /// Compare header: punctuation compared.
    PunctCompared = "с пункт.", "punct.";
    /// Compare header: OCR-tolerant.
    OcrTolerant = "OCR", "OCR";
    /// Compare options changed, comparing again: the options.
    ComparingAgain = "сравниваю заново: {}", "comparing again: {}";

    // Overview of a document.
    /// Field label.
    Region = "Регион", "Region";
    /// Field label.
    VersionField = "Редакция", "Version";
    /// Illustrative version note.
    Illustrative = "[иллюстративная, не официальный документ]", "[illustrative, not an official document]";
    /// A document's version when its text gives no date.
    Undated = "без даты", "undated";
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
    /// Warnings of a project card's heading: count.
    ProjectWarnings = "! {} об этом проекте (проверьте):", "! {} about this project (check):";
    /// Projects table hint: Enter opens a card.
    EnterOpensCard = "Enter — карточка проекта", "Enter opens the project card";
    /// The status-line label of Enter on a project row.
    HintCard = "карточка", "card";
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

    // Command line.
    /// A config file's `interface.lang` is not a language: the value.
    BadConfigLang = "interface.lang: неизвестный язык {} (допустимо ru или en)", "interface.lang: unknown language {} (use ru or en)";
    /// A `--lang` value that is not a language: the value.
    BadLangFlag = "неизвестный язык «{}» (допустимо ru или en)", "unknown language «{}» (use ru or en)";
    /// A size option that is not a number: the text.
    NotAWholeNumber = "`{}` — не целое число", "`{}` is not a whole number";
    /// A size option out of its range: the number, lowest, highest.
    OutOfRange = "{} вне допустимого: укажите от {} до {}", "{} is out of range: give {} to {}";
    /// A file or folder skipped while loading: the problem.
    Skipped = "strata: пропущено: {}", "strata: skipped {}";
    /// No section of that key in a document: the document, the key, its sections.
    NoSectionIn = "{}: нет раздела `{}`; разделы документа: {}", "{}: no section `{}`; its sections: {}";
    /// No section of that key in either document: key, first, second, the sections.
    NoSectionInEither = "нет раздела `{}` ни в {}, ни в {}; разделы: {}", "no section `{}` in {} or {}; sections: {}";
    /// No section of that key in the documents given: the key, the sections.
    NoSectionInThese = "в этих документах нет раздела `{}`; разделы: {}", "no section `{}` in these documents; sections: {}";
    /// No sector of that key in the documents given: the key, the sectors.
    NoSectorInThese = "в этих документах нет отрасли `{}`; отрасли: {}", "no sector `{}` in these documents; sectors: {}";
    /// A name that is neither a file nor a document: the name.
    NoSuchFile = "{}: нет такого файла", "{}: no such file";
    /// A name that is neither a file nor a known document: the name, the documents.
    NoSuchDocument = "{}: нет ни такого файла, ни документа с таким именем; документы: {}", "{}: no such file and no document of that name; documents: {}";
    /// A file that could not be opened while looking names up: the problem.
    CouldNotOpen = "(не удалось открыть: {})", "(could not open {})";
    /// An empty list of documents.
    NoneListed = "нет", "none";
    /// Several newest versions match a name: the name, their count with noun, the choices.
    SeveralNewest = "{}: в новейшей редакции подходят {}; уточните REGION@VERSION: {}", "{}: {} match as its newest version; say which with REGION@VERSION: {}";
    /// Several documents match a name: the name, their count with noun, the choices.
    SeveralMatch = "{}: подходят {}; уточните REGION@VERSION: {}", "{}: {} match; say which with REGION@VERSION: {}";
    /// A bare region name resolved to its newest official version: name, region, version, origin, versions.
    UsingNewest = "strata: {}: взята {}@{} ({}) — новейшая официальная редакция (всего редакций: {}); другую укажите как REGION@VERSION", "strata: {}: using {}@{} ({}), the newest official of {} versions; say REGION@VERSION for another";
    /// An empty search query.
    EmptyQuery = "пустой запрос: укажите слово для поиска", "empty query: give a word to look for";
    /// Nothing to search.
    NoDocumentsToSearch = "нет документов для поиска: укажите PATH (нормализованные JSON-файлы или папки)", "no documents to search: give PATH (normalized JSON files or folders)";
    /// Results left past `--limit`: the count, the noun, the limit.
    MorePastLimit = "ещё {} {} за пределом --limit {}", "{} more {} past --limit {}";
    /// No documents to compare.
    NoDocumentsToCompare = "нет документов для сравнения", "no documents to compare";
    /// The output could not be written.
    CannotWriteOutput = "не удалось записать вывод", "cannot write the output";
    /// No indicators for a project: the project.
    NoIndicatorsOfProject = "нет показателей проекта с названием вроде `{}`", "no indicators of a project named like `{}`";
    /// `-o` with several inputs: the count.
    OutputTakesOne = "-o принимает один входной файл; для {} файлов укажите --out-dir", "-o takes one input; use --out-dir for {} inputs";
    /// Several inputs and no output folder: the count.
    InputsWouldMix = "{} входных файлов смешались бы в stdout; укажите --out-dir DIR", "{} inputs would mix on stdout; use --out-dir DIR";
    /// A folder that cannot be created: the folder.
    CannotCreateFolder = "{}: не удалось создать папку", "{}: cannot create folder";
    /// Two inputs would write one file: the inputs, the target.
    SameTarget = "{} и {} записались бы в один файл {}", "{} and {} would both be written to {}";
    /// No base documents for a corpus.
    NoBaseDocuments = "нет исходных документов для корпуса", "no base documents to derive a corpus from";
    /// Corpus progress: done, total.
    Generating = "создание {}/{}", "generating {}/{}";
    /// Corpus progress: done, total.
    Writing = "запись {}/{}", "writing {}/{}";
    /// Corpus written: documents with noun, megabytes, folder.
    CorpusWritten = "{}, {} МБ в {}", "{}, {} MB in {}";
    /// Overview progress: done, total.
    ComparingOf = "сравнение {}/{}", "comparing {}/{}";
    /// Overview heading: document, section, count of documents with noun.
    OverviewHeading = "{}: раздел `{}`, документов для сравнения: {}; сначала самые отличающиеся", "{} section `{}` against {} documents, most different first";
    /// Overview column.
    ColRegion = "регион", "region";
    /// Overview column.
    ColVersion = "редакция", "version";
    /// Overview column.
    ColSimilarity = "сходство", "similarity";
    /// Overview column.
    ColWords = "слов", "words";
    /// Overview: the section is absent from a document.
    Absent = "нет", "absent";
    /// A DOCX report asked for on a terminal.
    DocxToFile = "отчёт DOCX — двоичный файл; запишите его в файл: -o FILE.docx", "a DOCX report is binary; write it to a file with -o FILE.docx";
    /// The report could not be written: the problem.
    CannotWriteReport = "не удалось записать отчёт: {}", "cannot write the report: {}";
    /// The TUI without a terminal.
    NotATerminal = "(stdout не терминал: просмотрщик не запущен)", "(stdout is not a terminal: not starting the viewer)";
    /// The note could not be read from standard input.
    CannotReadNote = "не удалось прочитать замечание со стандартного ввода", "cannot read the note from standard input";
    /// Standard input could not be read.
    CannotReadStdin = "не удалось прочитать стандартный ввод", "cannot read standard input";
    /// A file that cannot be read: file, problem.
    CannotRead = "{}: не удалось прочитать: {}", "{}: cannot read: {}";
    /// An empty note.
    EmptyNote = "замечание пустое", "the note is empty";
    /// A block number past the section's blocks: document, section, count of blocks with noun, the number.
    NoSuchBlock = "{}: в разделе `{}` {}; блока {} нет (блоки нумеруются с 1)", "{}: section `{}` has {}; there is no block {} (blocks are numbered from 1)";
    /// A note added: id, document, place.
    NoteAdded = "замечание {} добавлено: {} {}", "note {} added: {} {}";
    /// A note without a place: why.
    Orphaned = "(без места: {})", "(orphaned: {})";
    /// No notes.
    NoNotes = "замечаний нет", "no notes";
    /// No note of that id.
    NoNote = "нет замечания {}", "no note {}";
    /// A note deleted: id.
    NoteDeleted = "замечание {} удалено", "note {} deleted";
    /// A note edited: id.
    NoteEdited = "замечание {} изменено", "note {} edited";
    /// Not a notes export: origin, line, column, problem.
    NotAnExport = "{}:{}:{}: не экспорт замечаний strata: {}", "{}:{}:{}: not a strata notes export: {}";
    /// An export format this version does not read: origin, format.
    ExportFormat = "{}: формат экспорта замечаний {} не поддерживается (эта версия strata читает 1)", "{}: notes export format {} is not supported (this strata reads 1)";
    /// Notes imported: new, updated, unchanged.
    Imported = "импортировано: новых {}, обновлено {}, уже были {}, удалено {}", "imported: {} new, {} updated, {} already here, {} deleted";
    /// Not a changed section: the key, the changed ones.
    NotChangedSection = "`{}` — не изменённый раздел этого сравнения; изменены: {}", "`{}` is not a changed section of this comparison; changed: {}";
    /// Review progress: reviewed, changed, the noun for the changed sections.
    ReviewedOf = "просмотрено {} из {} {}", "reviewed {} of {} {}";
    /// A changed section not yet reviewed: the key.
    NotReviewed = "не просмотрен: {}", "not reviewed: {}";
    /// Why a note has no place: its section is gone.
    SectionGone = "раздела больше нет", "the section is gone";
    /// Why a note has no place: its paragraph is gone.
    BlockGone = "абзаца больше нет", "the paragraph is gone";

    /// A `--section` name that fits several sections: the name, the count with noun.
    SectionAmbiguous = "«{}» подходит к нескольким разделам ({}); укажите один из:", "«{}» names {}; give one of:";
    /// A `--section` that fits nothing: the argument.
    SectionUnknown =
        "нет раздела `{}` (укажите ключ, например `problems.healthcare`, или русское название, например «проблемы здравоохранение»)",
        "no section `{}` (give a key such as `problems.healthcare` or a Russian name such as «проблемы здравоохранение»)";
    /// A `--section` that fits nothing, with near keys: the argument, the keys.
    SectionDidYouMean = "нет раздела `{}`; может быть, {}?", "no section `{}`; did you mean {}?";

    /// A file that could not be written: the file, the system's reason.
    CannotWrite = "{}: не удалось записать: {}", "{}: cannot write: {}";
    /// An input that is a folder.
    IsAFolder = "это папка, а не файл", "is a folder, not a file";
    /// An input that is not a regular file: its kind.
    NotARegularFile = "это {}, а не обычный файл; strata читает только обычные файлы", "is a {}, not a regular file; strata reads only regular files";
    /// A kind of file.
    KindFifo = "именованный канал (FIFO)", "FIFO (named pipe)";
    /// A kind of file.
    KindCharDevice = "символьное устройство", "character device";
    /// A kind of file.
    KindBlockDevice = "блочное устройство", "block device";
    /// A kind of file.
    KindSocket = "сокет", "socket";
    /// A kind of file.
    KindSpecial = "специальный файл", "special file";
    /// An input over the size limit: its size, the limit.
    TooLarge = "слишком большой ({}; предел — {})", "is too large ({}; the size limit is {})";
    /// An input that could not be read: the system's reason.
    CannotReadIo = "не удалось прочитать: {}", "cannot read: {}";

    // The system's errors by their std::io::ErrorKind (`i18n::os_error`; in English the system's
    // own words are shown, the English texts here are for completeness).
    /// An OS error: no such file.
    OsNotFound = "нет такого файла или папки", "no such file or folder";
    /// An OS error: permission denied.
    OsPermissionDenied = "нет прав доступа", "permission denied";
    /// An OS error: a folder where a file was wanted.
    OsIsADirectory = "это папка, а не файл", "is a folder, not a file";
    /// An OS error: a file where a folder was wanted.
    OsNotADirectory = "часть пути — файл, а не папка", "a part of the path is not a folder";
    /// An OS error: the disk is full.
    OsStorageFull = "на диске не осталось места", "no space left on the disk";
    /// An OS error: the disk quota is used up.
    OsQuotaExceeded = "исчерпана дисковая квота", "the disk quota is used up";
    /// An OS error: a read-only file system.
    OsReadOnlyFilesystem = "файловая система доступна только для чтения", "the file system is read-only";
    /// An OS error: the file exists.
    OsAlreadyExists = "файл уже существует", "the file already exists";
    /// An OS error: a folder that is not empty.
    OsDirectoryNotEmpty = "папка не пуста", "the folder is not empty";
    /// An OS error: a file over the system's size limit.
    OsFileTooLarge = "файл больше, чем допускает система", "the file is larger than the system allows";
    /// An OS error: a name the file system refuses.
    OsInvalidFilename = "недопустимое или слишком длинное имя файла", "the file name is invalid or too long";
    /// An OS error: the file is in use.
    OsResourceBusy = "файл или устройство занято", "the file or device is busy";
    /// An OS error: out of memory.
    OsOutOfMemory = "не хватило памяти", "out of memory";
    /// An OS error: timed out.
    OsTimedOut = "время ожидания истекло", "timed out";
    /// An OS error: the file ended early.
    OsUnexpectedEof = "файл неожиданно закончился", "the file ended unexpectedly";
    /// An OS error: a network file that is gone.
    OsStaleNetworkFile = "файл на сетевом диске больше недоступен", "the file on the network disk is no longer available";
    /// An OS error: not supported here.
    OsUnsupported = "операция не поддерживается этой системой", "the operation is not supported here";
    /// An OS error: a rename across disks.
    OsCrossesDevices = "нельзя переместить файл на другой диск", "cannot move a file to another disk";
    /// Any other OS error: the system's own words.
    OsOther = "ошибка системы (её сообщение: «{}»)", "{}";
    /// A size in MiB.
    Mebibytes = "{} МиБ", "{} MiB";

    // Reading documents (src/read): what is wrong with a PDF, Word, ODT or RTF file, and the tools.
    /// A place in a file: page.
    AtPage = "страница {}", "page {}";
    /// A place in a file: page, line.
    AtPageLine = "страница {}, строка {}", "page {}, line {}";
    /// A place in an archive: the entry, byte.
    AtEntryByte = "{}, байт {}", "{}, byte {}";
    /// A ZIP file of neither document format.
    ReadZipNeither = "ZIP-архив, который не является ни документом Word (DOCX), ни документом ODT", "a ZIP archive that is neither a Word (DOCX) nor an ODT document";
    /// A format the readers do not read: its name.
    ReadNotDocFormat = "{} — не формат документа", "{} is not a document format";
    /// A file that is not UTF-8: the byte offset.
    NotUtf8At = "не текст в UTF-8 (недопустимый байт на смещении {})", "not UTF-8 text (invalid byte at offset {})";
    /// A scan with OCR off: pages without text, pages.
    PdfScanOcrOff = "у {} из {} страниц нет текстового слоя (скан?), а распознавание (OCR) выключено; запустите с --ocr-mode auto (или --ocr auto при открытии файлов в TUI)", "{} of {} pages have no text layer (a scanned document?) and OCR is off; run with --ocr-mode auto (or --ocr auto when opening files in the TUI)";
    /// A PDF with a password.
    PdfPassword = "PDF защищён паролем (читаются только PDF с пустым паролем пользователя)", "the PDF is protected by a password (only PDFs with an empty user password can be read)";
    /// A damaged PDF: the tool, its message.
    PdfDamaged = "PDF не читается: файл повреждён или обрезан (сообщение {}: «{}»)", "not a readable PDF (damaged or cut short): {}: {}";
    /// A PDF a tool failed on: the tool, its message.
    PdfToolFailed = "{} не смог прочитать PDF (его сообщение: «{}»)", "{} could not read the PDF: {}";
    /// A PDF the built-in reader failed on: its message.
    PdfNotReadable = "PDF не читается: файл повреждён или в непонятном формате (сообщение встроенного читателя PDF: «{}»)", "not a readable PDF: {}";
    /// A tool that wrote nothing to stderr.
    ToolNoMessage = "без сообщения", "no message";
    /// A tool that could not be started: the system's reason.
    ToolSpawn = "не удалось запустить: {}", "cannot start: {}";
    /// A tool stopped after the timeout: seconds.
    ToolTimeout = "не дал результата за {} с и был остановлен", "gave no result within {} s and was stopped";
    /// A .doc file with no tool to read it: the packages.
    DocNeedsTool = "для чтения старых файлов Word (.doc) нужен antiword или catdoc: установите пакет {} или сохраните файл как DOCX", "reading old Word (.doc) files needs antiword or catdoc: install the package {}, or save the file as DOCX";
    /// A Word file with a password.
    DocPassword = "файл Word защищён паролем", "the Word file is protected by a password";
    /// A file a tool failed on: the tool, its message.
    ToolCouldNotRead = "{} не смог прочитать файл (его сообщение: «{}»)", "{} could not read the file: {}";
    /// OCR needed without tesseract: the package, twice.
    OcrNeedsTesseract = "этому PDF нужно распознавание (страницы без текстового слоя), а tesseract с русскими данными не установлен: установите пакет {} (apt-get install {})", "this PDF needs OCR (pages without a text layer), and tesseract with Russian data is not installed: install the package {} (apt-get install {})";
    /// OCR needed without pdftoppm: the package.
    OcrNeedsPdftoppm = "для распознавания страницы отрисовывает pdftoppm, а он не установлен: установите пакет {}", "OCR renders pages with pdftoppm, which is not installed: install the package {}";
    /// No temporary folder for OCR: the system's reason.
    OcrTempFolder = "не удалось создать временную папку для распознавания: {}", "cannot make a temporary folder for OCR: {}";
    /// tesseract failed: its message.
    OcrFailed = "распознавание текста не удалось: tesseract завершился с ошибкой (его сообщение: «{}»)", "tesseract failed: {}";
    /// pdftotext's word boxes could not be parsed: byte, the parser's message.
    PdfBadBoxes = "pdftotext -bbox-layout выдал испорченную разметку XHTML на байте {} (сообщение разборщика XML: «{}»)", "pdftotext -bbox-layout gave malformed XHTML at byte {}: {}";
    /// A format named in errors.
    FormatWordDocument = "документ Word", "Word document";
    /// A format named in errors.
    FormatOdt = "текст OpenDocument", "OpenDocument text";
    /// A damaged zip container: the format, the reason.
    ZipDamaged = "{}: файл не читается — zip-контейнер повреждён или обрезан (сообщение распаковщика: «{}»)", "not a readable {} (damaged zip container): {}";
    /// An archive entry that could not be unpacked: the reason.
    ZipCannotUnpack = "не удалось распаковать часть файла (сообщение распаковщика: «{}»)", "cannot unpack: {}";
    /// An archive entry too large: its size, the limit (bytes).
    ZipEntryTooLarge = "{} байт после распаковки: больше предела {}", "{} bytes unpacked: over the limit of {}";
    /// An archive entry over the limit while unpacking: the limit (bytes).
    ZipOverLimit = "больше предела распаковки в {} байт", "over the unpacked size limit of {} bytes";
    /// XML that is not UTF-8.
    XmlNotUtf8 = "XML не в кодировке UTF-8", "not UTF-8 XML";
    /// Malformed XML: the parser's message.
    XmlSyntax = "разметка XML внутри файла нарушена: файл испорчен или сохранён не полностью (сообщение разборщика XML: «{}»)", "not well-formed XML: {}";
    /// A DOCX without its document: the entry.
    DocxNoDocument = "не документ Word: в архиве нет {}", "not a Word document: the archive has no {}";
    /// An ODT without its content: the entry.
    OdtNoContent = "не текст OpenDocument: в архиве нет {}", "not an OpenDocument text: the archive has no {}";
    /// Broken RTF.
    RtfClosesTwice = "группа RTF закрывается дважды", "an RTF group closes twice";
    /// Reading progress: file, stage, done, total.
    ReadProgress = "strata: {}: {} {}/{} стр.", "strata: {}: {} {}/{} pages";

    // Normalizing (src/normalize): texts that are not strategies, and the sidecar file.
    /// An empty input.
    DecodeEmpty = "файл пуст", "input is empty";
    /// Binary data: the byte offset.
    DecodeBinary = "байт {}: двоичные данные, а не текст", "byte {}: binary data, not text";
    /// Undecodable text: the byte offset.
    DecodeUnknown = "байт {}: не UTF-8 и не русский текст в Windows-1251", "byte {}: not UTF-8, and not Russian text in Windows-1251 either";
    /// Not a strategy: template sections found, needed.
    NotAStrategy = "не стратегия цифровой трансформации: найдено разделов шаблона — {} (нужно не меньше {}: «Основные положения», «Карточка стратегии», «Проекты развития отрасли», ...)", "not a digital-transformation strategy: found {} of the template's sections (need at least {}: «Основные положения», «Карточка стратегии», «Проекты развития отрасли», ...)";
    /// A sidecar date that is not a date: the value.
    SidecarBadDate = "`{}` — не дата в формате ГГГГ-ММ-ДД", "`{}` is not a YYYY-MM-DD date";

    // Quality warnings (src/normalize, src/read), rendered from their stored English text: each
    // English text here is exactly the one the normalizer writes (see `super::warnings`).
    /// decimal_lost?: sector, value.
    WDecimalLost = "{}: значение доли {} больше 100: вероятно, потерян десятичный разделитель", "{}: value {} of a share exceeds 100: a decimal separator was probably lost";
    /// value_missing?: sector, values, years, name.
    WValueMissing = "{}: значений — {}, лет — {} в «{}»: вероятно, пропало однозначное значение", "{}: {} value(s) for {} year(s) in «{}»: a one-digit value was probably dropped";
    /// decimals_glued: values ending in 00, values.
    WDecimalsGlued = "{} из {} оканчиваются на 00: в таблице было два знака после запятой, и при сплющивании они слиплись; значения разделены на 100", "{} of {} indicator values end in 00: the table printed two decimals and the flattening glued them; values divided by 100";
    /// name_uncertain: sector.
    WNameUncertain = "{}: название перед «рекомендовано ФОИ» не подтверждается другими таблицами", "{}: the name before «рекомендовано ФОИ» is not confirmed by the other tables";
    /// cell_split (flat): sector, project number, cells.
    WCellSplitFlat = "{}, проект {}: не распознана ячейка {}; сохранена исходная строка", "{} project {}: no {} cell recognised; the raw row is kept";
    /// project_unlocated: sector, name.
    WProjectUnlocated = "{}: «{}» (таблица показателей) не найден в таблице проектов", "{}: «{}» (indicators table) not found in the projects table";
    /// punct_stripped: marks, bytes.
    WPunctStripped = "{} на {}: точки, запятые и скобки удалены", "{} punctuation marks in {} bytes: full stops, commas and parentheses were stripped";
    /// stopwords_stripped: stopwords, words.
    WStopwordsStripped = "{} в нижнем регистре на {} (в обычной русской прозе их около четверти): предлоги, союзы и «не» удалены", "{} lowercase stopwords in {} words (ordinary Russian prose has about a quarter): prepositions, conjunctions and «не» were removed";
    /// single_digits_dropped: first page number.
    WSingleDigits = "номера страниц начинаются с {}: одиночные цифры (страницы, дни, однозначные значения) удалены", "the page numbers start at {}: lone single digits (pages, days, one-digit values) were dropped";
    /// ocr_damage: from byte, to byte, unknown words, words, percent.
    WOcrDamage = "байты {}-{}: {} из {} ({}%) не встречаются в собственном словаре документа (ошибки распознавания)", "bytes {}-{}: {} of {} words ({}%) are unknown to the document's own vocabulary (OCR damage)";
    /// negation_lost?: context, word.
    WNegationLost = "«{}»: в тексте удалены «не», поэтому здесь могло быть «не {}»: смысл может быть обратным", "«{}»: the text's «не» were stripped, so this may have read «не {}»: the meaning may be reversed";
    /// negation_lost?: context.
    WNotLess = "«{}»: вероятно, «не менее», «не» удалено", "«{}»: probably «не менее», the «не» was stripped";
    /// lost_glyph.
    WLostGlyph = "здесь потерян символ (обычно «%» или маркер списка)", "a character was lost here (usually «%» or a bullet)";
    /// missing_section: title.
    WMissingSection = "раздела шаблона «{}» нет в тексте", "the template section «{}» is not in the text";
    /// missing_section: title.
    WMissingPart = "части шаблона «{}» нет в тексте", "the template part «{}» is not in the text";
    /// missing_section (flat): group, table.
    WMissingGroup = "нет группы «{}» в таблице {}", "no «{}» group in the {} table";
    /// truncated: the last heading.
    WTruncatedPage = "текст обрывается внутри «{}» на почти пустой последней странице: файл, возможно, обрезан", "the text stops inside «{}» on a nearly empty last page: the file may be cut short";
    /// truncated: the last heading.
    WTruncatedSentence = "текст обрывается внутри «{}» на середине предложения: файл, возможно, обрезан", "the text stops inside «{}» in mid-sentence: the file may be cut short";
    /// no_values: row, sector.
    WNoValues = "у строки показателя {} отрасли {} нет значений", "indicator row {} of sector {} has no values";
    /// cell_split: row, sector, cells.
    WCellSplit = "строка проекта {} отрасли {}: не найдены ячейки {}", "project row {} of sector {}: could not find the cells {}";
    /// cell_split: row, sector.
    WLinkageName = "строка связи {} отрасли {}: не найдено название проекта", "linkage row {} of sector {}: project name not found";
    /// reader: format, reader.
    WReader = "прочитан как {} программой {}", "read as {} by {}";
    /// count_mismatch: sector, table, listed, projects.
    WCountTable = "отрасль {}: в таблице {} проектов — {}, в таблице проектов — {}", "sector {}: the {} table lists {} projects, the projects table {}";
    /// count_mismatch: sector, listed, section, count.
    WCountSection = "отрасль {}: в разделе проектов их {}, в разделе {} — {}", "sector {}: the projects section lists {} projects, the {} section {}";
    /// implausible_value?: sector, project, indicator, year, value.
    WShareOver100 = "отрасль {}, проект «{}», показатель «{}», {}: доля {} %, больше 100", "sector {}, project «{}», indicator «{}», {}: a share of {} %, over 100";
    /// implausible_value?: sector, project, indicator, year, value, median.
    WPeopleScale = "отрасль {}, проект «{}», показатель «{}», {}: {} человек — в 100 и более раз отличается от других значений численности населения в документе (медиана {})", "sector {}, project «{}», indicator «{}», {}: {} people, off by 100 times or more from the document's other counts of the population (median {})";
    /// implausible_value?: sector, project, indicator, year, value, bound.
    WPeopleOverRegions = "отрасль {}, проект «{}», показатель «{}», {}: {} человек — больше населения любого региона России (около {})", "sector {}, project «{}», indicator «{}», {}: {} people, more than the population of any Russian region (about {})";
    /// implausible_value?: sector, project, indicator, year, value, unit, median.
    WRowYearsOff = "отрасль {}, проект «{}», показатель «{}», {}: {} {} — в 100 и более раз отличается от значений других лет той же строки (медиана {})", "sector {}, project «{}», indicator «{}», {}: {} {}, off by 100 times or more from the same row's other years (median {})";
    /// invalid_utf8: byte, line, bytes.
    WInvalidUtf8 = "байт {} (строка {}): байтов не в UTF-8 — {}, заменены на \u{FFFD}", "byte {} (line {}): {} byte(s) not valid UTF-8, replaced by \u{FFFD}";
    /// invalid_utf8: bytes, places.
    WInvalidUtf8More = "ещё недопустимых байтов — {}, в местах — {}, заменены на \u{FFFD}", "{} more invalid byte(s) in {} more place(s) replaced by \u{FFFD}";
    /// reader_fallback: package.
    WReaderFallback = "pdftotext не установлен (пакет {}): PDF прочитан встроенным читателем lopdf, который может путать порядок ячеек таблиц", "pdftotext is not installed (package {}): the PDF was read with the built-in lopdf reader, which may lose the order of table cells";
    /// ocr: pages, page list.
    WOcr = "распознано страниц (tesseract): {} — {}; возможны ошибки в буквах", "{} page(s) read by OCR (tesseract): {}; expect letter errors";
    /// no_text_layer: pages, why.
    WNoTextLayer = "у страниц {} нет текстового слоя, и они не распознаны: {}", "page(s) {} have no text layer and were not OCR'd: {}";
    /// encoding: the encoding.
    WEncoding = "исходная кодировка {}, текст переведён в UTF-8", "input was {}, converted to UTF-8";
    /// no_region.
    WNoRegion = "в тексте не назван ни один регион России", "no Russian region is named in the text";
    /// no_approval.
    WNoApproval = "в тексте нет утверждающего акта (не найдено ни «утверждена ...», ни акта на обложке)", "the text has no approving act (no «утверждена ...» or cover act found)";
    /// period_inferred.
    WPeriodInferred = "в тексте нет «Период ...»; период взят по годам показателей", "no «Период ...» in the text; period taken from the indicator years";
    /// decimal_recovered?: sector, value as printed, value read.
    WDecimalRecovered = "{}: значение {} прочитано как {}: в нём потерян десятичный разделитель, как показывают другие значения строки", "{}: value {} read as {}: its decimal separator was lost, as the row's other values show";

    // The notes store (src/notes).
    /// The store is locked: seconds waited, what it was doing.
    StoreLocked = "хранилище заметок заблокировано другим процессом (ожидание {} с, {}); попробуйте ещё раз", "the notes store is locked by another process (waited {} s while {}); try again";
    /// The store is read-only: what it was doing.
    StoreReadOnlyDoing = "хранилище заметок доступно только для чтения ({}): этот пользователь не может записать файл или его папку", "the notes store is read-only ({}): this user cannot write the file or its folder";
    /// The store is read-only.
    StoreReadOnly = "хранилище заметок доступно только для чтения: этот пользователь не может записать файл или его папку", "the notes store is read-only: this user cannot write the file or its folder";
    /// The store cannot be opened: what it was doing, the reason.
    StoreCannotOpen = "не удалось открыть хранилище заметок ({}): проверьте, что папка существует и доступна для записи (сообщение SQLite: «{}»)", "cannot open the notes store ({}): check that the folder exists and is writable ({})";
    /// Not an SQLite file: what it was doing.
    StoreNotADatabase = "это не хранилище заметок: файл не является базой SQLite ({})", "not a notes store: the file is not an SQLite database ({})";
    /// A corrupt store: what it was doing, the reason.
    StoreCorruptDoing = "хранилище заметок повреждено ({}; сообщение SQLite: «{}»)", "the notes store is corrupt ({}): {}";
    /// A corrupt store: the check's report.
    StoreCorrupt = "хранилище заметок повреждено (проверка SQLite сообщила: «{}»)", "the notes store is corrupt: {}";
    /// A full disk: what it was doing.
    StoreDiskFull = "диск заполнен ({})", "the disk is full ({})";
    /// Any other store error: what it was doing, the reason.
    StoreOther = "ошибка хранилища заметок {} (сообщение SQLite: «{}»)", "{}: {}";
    /// The notes folder cannot be made: the reason.
    StoreNoFolder = "не удалось создать папку заметок: {}", "cannot create the notes folder: {}";
    /// A read-only store of another schema: its schema, the one needed.
    StoreReadOnlySchema = "хранилище заметок доступно только для чтения, и у него схема {}; этой версии strata нужна схема {}", "the notes store is read-only and has schema {}; this strata needs schema {}";
    /// A store without WAL: the journal mode.
    StoreNoWal = "хранилище не может вести журнал упреждающей записи (режим журнала {}); оно на сетевом диске?", "the store cannot use a write-ahead log (journal mode {}); is it on a network disk?";
    /// A store newer than this strata: its schema, the newest known.
    StoreNewer = "у хранилища схема {}, новее известной этой версии strata ({}); используйте более новую strata", "the store has schema {}, newer than this strata knows ({}); use a newer strata";
    /// No place for the store.
    StoreNoPlace = "негде разместить хранилище заметок: задайте STRATA_DATA_DIR, XDG_DATA_HOME или HOME", "no place for the notes store: set STRATA_DATA_DIR, XDG_DATA_HOME or HOME";
    /// The config file cannot be read: the reason.
    ConfigCannotRead = "не удалось прочитать файл настроек: {}", "cannot read the config file: {}";
    /// What the store was doing.
    DoingOpening = "при открытии", "opening";
    /// What the store was doing.
    DoingBusyTimeout = "при установке времени ожидания", "setting the busy timeout";
    /// What the store was doing.
    DoingWal = "при переходе на журнал WAL", "switching to WAL";
    /// What the store was doing.
    DoingConfiguring = "при настройке", "configuring";
    /// What the store was doing.
    DoingChecking = "при проверке", "checking";
    /// What the store was doing.
    DoingReadSchema = "при чтении версии схемы", "reading the schema version";
    /// What the store was doing.
    DoingRecordSchema = "при записи версии схемы", "recording the schema version";
    /// What the store was doing: the schema.
    DoingMigrate = "при переходе на схему {}", "migrating to schema {}";
    /// What the store was doing.
    DoingMigration = "при завершении обновления схемы", "committing the migration";
    /// What the store was doing.
    DoingStartWrite = "в начале записи", "starting a write";
    /// What the store was doing.
    DoingAddNote = "при добавлении заметки", "adding a note";
    /// What the store was doing.
    DoingCommitNote = "при сохранении заметки", "committing a note";
    /// What the store was doing.
    DoingListNotes = "при чтении списка заметок", "listing notes";
    /// What the store was doing.
    DoingEditNote = "при правке заметки", "editing a note";
    /// What the store was doing.
    DoingCommitEdit = "при сохранении правки", "committing an edit";
    /// What the store was doing.
    DoingDeleteNote = "при удалении заметки", "deleting a note";
    /// What the store was doing.
    DoingCommitDelete = "при сохранении удаления", "committing a deletion";
    /// What the store was doing.
    DoingListDeleted = "при чтении удалённых заметок", "listing deleted notes";
    /// What the store was doing.
    DoingImport = "при импорте", "importing";
    /// What the store was doing.
    DoingCommitImport = "при сохранении импорта", "committing the import";
    /// What the store was doing.
    DoingMarkReviewed = "при отметке раздела просмотренным", "marking a section reviewed";
    /// What the store was doing.
    DoingCommitReviewed = "при сохранении отметки", "committing a reviewed mark";
    /// What the store was doing.
    DoingReadReviewed = "при чтении отметок", "reading reviewed marks";
    /// What the store was doing.
    DoingSetBookmark = "при установке закладки", "setting a bookmark";
    /// What the store was doing.
    DoingCommitBookmark = "при сохранении закладки", "committing a bookmark";
    /// What the store was doing.
    DoingReadNote = "при чтении заметки", "reading a note";
    /// What the store was doing.
    DoingReadBookmarks = "при чтении закладок", "reading bookmarks";

    /// `normalize --report`: file, region, key, grade, score, then counts with nouns of sectors,
    /// projects, indicators, warnings.
    QualityReport = "{}: {} ({}), оценка {} ({} из 100), {}, {}, {}, {}", "{}: {} ({}), grade {} (score {}), {}, {}, {}, {}";
    /// Warnings table column.
    ColCode = "код", "code";
    /// Warnings table column.
    ColWhere = "где", "where";
    /// Warnings table column.
    ColMessage = "сообщение", "message";
    /// `show` field label.
    ShowRegion = "регион", "region";
    /// `show` field label.
    ShowApproval = "утверждена", "approval";
    /// `show` field label.
    ShowPeriod = "период", "period";
    /// `show` field label.
    ShowVersion = "редакция", "version";
    /// `show` field label.
    ShowQuality = "качество", "quality";

    /// `strata` without a terminal: documents with noun, files not opened with noun.
    SummaryHead = "strata: {}; не открыто: {}", "strata: {}, {} not opened";
    /// `strata` without a terminal, one document: version, grade, sections, projects,
    /// indicators (counts with nouns), file.
    SummaryDoc = "  {}  оценка {}  {}, {}, {}  {}", "  {}  grade {}  {}, {}, {}  {}";
    /// More documents than shown: the count.
    SummaryMore = "  … и ещё {}", "  ... and {} more";
    /// A file not opened: the problem.
    SummaryNotOpened = "не открыто: {}", "not opened: {}";
    /// More files not opened than shown: the count.
    SummaryMoreNotOpened = "… не открыто ещё файлов: {}", "... and {} more files not opened";

    // The command-line parser's errors (clap's, in Russian; English stays clap's own).
    /// Before an error.
    ClapError = "ошибка:", "error:";
    /// An unknown option: the option.
    ClapUnknownArgument = "неизвестный параметр «{}»", "unexpected argument '{}' found";
    /// An unknown subcommand: the name.
    ClapUnknownCommand = "неизвестная команда «{}»", "unrecognized subcommand '{}'";
    /// An option without its value: the option.
    ClapValueMissing = "для «{}» нужно значение", "a value is required for '{}' but none was supplied";
    /// A bad value: the value, the option.
    ClapInvalidValue = "недопустимое значение «{}» для «{}»", "invalid value '{}' for '{}'";
    /// Required arguments missing (they follow, one a line).
    ClapMissing = "не указаны обязательные аргументы:", "the following required arguments were not provided:";
    /// Two options that exclude each other: the option, the other.
    ClapConflict = "«{}» нельзя указывать вместе с «{}»", "the argument '{}' cannot be used with '{}'";
    /// An option given twice: the option.
    ClapTwice = "«{}» нельзя указывать несколько раз", "the argument '{}' cannot be used multiple times";
    /// A value too many: the value, the option.
    ClapTooMany = "лишнее значение «{}» для «{}»", "unexpected value '{}' for '{}' found; no more were expected";
    /// An option that needs `=`: the option.
    ClapNoEquals = "значение «{}» нужно указывать через =", "equal sign is needed when assigning values to '{}'";
    /// A suggestion: the similar name.
    ClapDidYouMean = "может быть, «{}»?", "tip: a similar argument exists: '{}'";
    /// After an error.
    ClapMoreHelp = "Подробнее: --help.", "For more information, try '--help'.";

    // `strata diff` and the compare view.
    /// A changed section's similarity: the percentage.
    DiffSimilar = "сходство {}%", "{}% similar";
    /// Words added and removed.
    DiffWords = "слов +{} -{}", "+{} -{} words";
    /// A diff with pairs too long for the exact search.
    DiffApproximate = "приблизительно", "approximate";
    /// Counts by status: changed, added, removed, moved.
    DiffCounts = "изменено {}, добавлено {}, удалено {}, перемещено {}", "{} changed, {} added, {} removed, {} moved";
    /// The summary line: sections, projects, indicators (counts), words added, removed, approximate.
    DiffSummary = "разделы: {}; проекты: {}; показатели: {}; слова +{} -{}{}", "sections: {}; projects: {}; indicators: {}; words +{} -{}{}";
    /// Two regions compared: their names.
    DiffTwoRegions = "сравниваются два региона: {} и {}; блоки без пары показаны рядом", "comparing two regions: {} and {}; blocks neither pairs are side by side";
    /// Blocks of one side without a pair: the side's name, their count.
    DiffOnlyIn = "только в документе «{}» ({})", "only in {} ({})";
    /// Heading of the changed projects.
    DiffProjects = "проекты", "projects";
    /// Heading of the changed indicators.
    DiffIndicators = "показатели", "indicators";
    /// `--format stat`: sections, projects, indicators that differ.
    DiffStat = "различаются: разделов {}, проектов {}, показателей {}", "{} sections differ, {} projects, {} indicators";
    /// Markdown: the header of the changed indicators table.
    DiffIndicatorsHeader = "| изменение | проект | показатель | год | A | B | разница |", "| status | project | indicator | year | A | B | delta |";
    /// Markdown: a section's status.
    DiffStatus = "Изменение: **{}**", "Status: **{}**";

    // `strata matrix`, `indicators`, `compare-section`.
    /// Matrix heading: regions, federal projects, adopted everywhere, other projects.
    MatrixHead = "регионов: {}; федеральных проектов: {} (во всех регионах: {}); других проектов: {}", "{} regions, {} federal projects ({} adopted by every region), {} other projects";
    /// The matrix's marks.
    MatrixKey = "● отмечен «рекомендовано ФОИВ» в этом регионе, ○ есть, но не отмечен, · нет", "● marked «рекомендовано ФОИВ» in that region, ○ present but not marked, · absent";
    /// Matrix column.
    ColSector = "отрасль", "sector";
    /// Matrix column.
    ColFederalProject = "федеральный проект", "federal project";
    /// Heading of the regions' own projects.
    OwnProjects = "собственные проекты (ни в одном регионе не отмечены как федеральные):", "own projects (not marked federal in any region):";
    /// The other regions that have a project: their labels.
    AlsoIn = "также: {}", "also: {}";
    /// Indicators heading: regions, indicators, in two or more regions.
    IndicatorsHead = "регионов: {}; показателей: {} (в двух регионах и более: {})", "{} regions, {} indicators ({} in two or more regions)";
    /// An indicator's spread in a year: year, lowest, where, highest, where.
    Spread = "{}: наименьшее {} ({}), наибольшее {} ({})", "{}: lowest {} ({}), highest {} ({})";
    /// Regions giving the indicator in another unit.
    OtherUnit = "в другой единице: {}", "other unit: {}";
    /// Section comparison heading: key, title, regions, threshold.
    SectionHead = "{} {} — регионов: {}; типовой текст — общий хотя бы для {} из них", "{} {} — {} regions; boilerplate: text at least {} of them share";
    /// A region without the section: region, version.
    RegionNoSection = "{} ({}): раздела нет", "{} ({}): no such section";
    /// A region's section: region, version, words, boilerplate percentage.
    RegionWords = "{} ({}): слов {}, типового текста {}%", "{} ({}): {} words, {}% boilerplate";
    /// What a region adds: the region.
    RegionAdds = "{} добавляет:", "{} adds:";
    /// A region that adds nothing.
    NothingBeyond = "(ничего сверх общего текста)", "(nothing beyond the shared text)";

    /// A file that is not a strata JSON document: the parser's reason.
    NotADocument = "не документ strata: файл не в формате JSON strata (сообщение разборщика JSON: «{}»)", "not a strata document: {}";
    /// A document of another schema: its schema, the one read.
    SchemaUnsupported = "схема {} не поддерживается (эта версия strata читает схему {})", "schema {} is not supported (this strata reads schema {})";
    /// A path that does not exist.
    NoSuchPath = "нет такого файла или папки", "no such file or folder";
    /// A folder that cannot be listed: the system's reason.
    CannotReadFolder = "не удалось прочитать папку: {}", "cannot read folder: {}";

    // Reports (`strata report`).
    /// The report's title.
    ReportTitle = "Сравнение редакций стратегии", "Strategy comparison";
    /// Column of the old document.
    ReportOld = "Прежняя редакция", "Old version";
    /// Column of the new document.
    ReportNew = "Новая редакция", "New version";
    /// Row: the approving act.
    ReportApproved = "Утверждена", "Approved by";
    /// Heading of the changed sections.
    ReportChangedSections = "Изменённые разделы", "Changed sections";
    /// A section marked reviewed.
    ReportReviewed = "просмотрен", "reviewed";
    /// A section not marked reviewed.
    ReportNotReviewed = "не просмотрен", "not reviewed";
    /// Before the old title of a renamed section.
    ReportWas = "прежнее название", "old title";
    /// Table header: the change.
    ReportStatus = "Изменение", "Change";
    /// Table header: what changed.
    ReportChanges = "Что изменилось", "What changed";
    /// Table header: unit.
    ReportUnit = "Ед. изм.", "Unit";
    /// Before a former name.
    ReportRenamedFrom = "прежнее название", "renamed from";
    /// Heading over notes.
    ReportNotes = "Замечания", "Notes";
    /// Before the version a carried note was written on.
    ReportCarriedFrom = "перенесено с редакции", "carried from version";
    /// Heading of the notes with no place.
    ReportOrphaned = "Замечания без места в новой редакции", "Notes with no place in the new version";
    /// Some pairs were too long for the exact diff.
    ReportApproximate = "Часть различий показана укрупнённо (слишком длинные абзацы для точного сравнения).", "Some differences are shown coarser (paragraphs too long for the exact comparison).";
    /// Nothing changed.
    ReportNoChanges = "Различий нет.", "No differences.";
    /// Status in a report table.
    ReportChanged = "изменено", "changed";
    /// Status in a report table.
    ReportAdded = "добавлено", "added";
    /// Status in a report table.
    ReportRemoved = "удалено", "removed";
    /// Status in a report table.
    ReportMoved = "перемещено", "moved";

    // Command-line help (clap's own words; the help texts are in `cli_help`).
    /// The usage heading.
    HelpUsage = "Использование:", "Usage:";
    /// The subcommands heading.
    HelpCommands = "Команды", "Commands";
    /// The positional arguments heading.
    HelpArguments = "Аргументы", "Arguments";
    /// The options heading.
    HelpOptions = "Параметры", "Options";
    /// `-h`.
    HelpFlag = "Показать справку", "Print help";
    /// `-h` when there is a longer help.
    HelpFlagMore = "Показать справку (подробнее — --help)", "Print help (see more with '--help')";
    /// `--help` when there is a longer help.
    HelpFlagLong = "Показать справку (кратко — -h)", "Print help (see a summary with '-h')";
    /// `--version`.
    VersionFlag = "Показать версию", "Print version";
    /// The `help` subcommand.
    HelpCommand = "Показать эту справку или справку по указанным командам", "Print this message or the help of the given subcommand(s)";
    /// The `help` subcommand's argument.
    HelpCommandArg = "Команды, по которым нужна справка", "Print help for the subcommand(s)";
    /// Possible values of an option.
    HelpPossible = "Возможные значения:", "Possible values:";
    /// Possible values of an option, short form: the values.
    HelpPossibleShort = "[значения: {}]", "[possible values: {}]";
    /// The default of an option: the value.
    HelpDefault = "[по умолчанию: {}]", "[default: {}]";

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
    CtxNote = "Замечание (Enter — новая строка)", "Note input (Enter starts a new line)";
    /// Context.
    CtxNotes = "Список заметок", "Notes list";
    /// Context.
    CtxPending = "Ожидание второй клавиши", "Waiting for the second key";
    /// Status place: the note input.
    NotePlace = "Замечание", "Note";
    /// Status place: the notes list.
    NotesPlace = "Замечания", "Notes";
    /// Status place: a bookmark key waits for its letter.
    BookmarkPlace = "Закладка", "Bookmark";
    /// Status place: the report key waits for the format.
    ReportPlace = "Отчёт", "Report";

    // Review: notes, reviewed marks, reports, copy, jumps.
    /// Note input title: a new note.
    NewNoteTitle = "Новое замечание", "New note";
    /// Note input title: editing.
    EditNoteTitle = "Правка замечания", "Edit note";
    /// Note input: the keys, at its bottom edge.
    NoteInputKeys = "Ctrl-S — сохранить, Enter — новая строка, Esc — отмена", "Ctrl-S saves, Enter new line, Esc cancels";
    /// Note input: the place of a note on a paragraph: section key, number, first words.
    NoteOnBlock = "§ {}, абзац {}: «{}»", "§ {}, paragraph {}: “{}”";
    /// Note input: the place of a note on a whole section.
    NoteOnSection = "§ {}, весь раздел", "§ {}, the whole section";
    /// Note input: editing a note (place unknown).
    EditingNote = "правка замечания", "editing a note";
    /// Status: saved.
    NoteSaved = "Замечание сохранено", "Note saved";
    /// Status: not saved, why (the text stays in the input).
    NoteNotSaved = "Не сохранено: {}", "Not saved: {}";
    /// Status: an empty note.
    NoteEmpty = "Замечание пустое: напишите текст или Esc для отмены", "The note is empty: write something, or Esc to cancel";
    /// Status: text over the limit.
    NoteTooLong = "Замечание не длиннее {} знаков: лишнее не вставлено", "A note holds at most {} characters: the rest was not inserted";
    /// Status: Esc with text typed.
    EscAgainDiscards = "Esc ещё раз — выбросить написанное", "Esc again discards what you wrote";
    /// Status: the note input was closed without saving.
    NoteDiscarded = "Замечание не сохранено", "Note discarded";
    /// Status: no notes store configured.
    NoNotesStore = "хранилище заметок не настроено (STRATA_DATA_DIR или notes.store)", "no notes store is configured (STRATA_DATA_DIR or notes.store)";
    /// Status: notes need a section.
    NoteNeedsSection = "Выберите раздел, чтобы написать замечание", "Select a section to write a note";
    /// Status: a removed section has no place in B.
    NoteOnRemoved = "Раздел удалён в B: замечание пишите в документе A", "The section is removed in B: write the note on document A";
    /// Status: no document.
    NoDocumentOpen = "Нет открытого документа", "No document is open";
    /// Notes list title: document and count.
    NotesTitle = "Замечания: {} ({})", "Notes: {} ({})";
    /// Notes list: none.
    DocHasNoNotes = "Замечаний к этому документу нет.", "This document has no notes.";
    /// Notes list: how to write one.
    NoNotesHint = "} и { выбирают абзац, i в тексте — замечание к нему, i в дереве — к разделу.", "} and { pick a paragraph, i in the text writes a note on it, i in the tree on the section.";
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
    OrphanCannotOpen = "У этого замечания нет места: {}", "This note has no place: {}";
    /// Status: press d again.
    DeleteAgain = "d ещё раз — удалить замечание", "d again deletes the note";
    /// Status: deleted.
    NoteRemoved = "Замечание удалено", "Note deleted";
    /// Status: a note is being written to the store in the background.
    NoteSaving = "Замечание сохраняется…", "Saving the note…";
    /// Status: a note is being deleted in the background.
    NoteRemoving = "Замечание удаляется…", "Deleting the note…";
    /// Status while quitting: writes still running.
    SavingOnQuit = "Сохраняется в хранилище замечаний: {}…", "Writing to the notes store: {}…";
    /// After quitting: the heading of what was not written.
    NotSavedOnQuit = "Не записано в хранилище замечаний ({}):", "Not written to the notes store ({}):";
    /// What was not written: a new note (section, whole text).
    UnsavedNote = "замечание к {}: {}", "a note on {}: {}";
    /// What was not written: a note's new text (id, text).
    UnsavedEdit = "правка замечания {}: {}", "an edit of note {}: {}";
    /// What was not written: a deletion (id).
    UnsavedRemove = "удаление замечания {}", "the deletion of note {}";
    /// What was not written: a reviewed mark (section).
    UnsavedReviewed = "отметка «просмотрено» раздела {}", "the reviewed mark of section {}";
    /// What was not written: a bookmark (letter).
    UnsavedBookmark = "закладка {}", "bookmark {}";
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
    CopiedNote = "замечание", "the note";
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
    CtxAcross = "Регионы рядом: матрица проектов, показатели", "Across regions: project matrix, indicators";
    /// Context.
    CtxRegions = "Раздел во всех регионах", "A section in every region";
    /// Status: the notes store could not be read, why.
    NotesNotRead = "Замечания не прочитаны: {}", "Notes not read: {}";
    /// Status: a report asked for before the comparison's reviewed marks were read.
    ReviewedStillReading = "Отметки о просмотре ещё читаются из хранилища: повторите через мгновение", "The reviewed marks are still being read from the store: try again in a moment";
    /// A settings file (theme, keys.toml) that is not TOML: file, parser's message.
    TomlInvalid = "{}: это не TOML: {}", "{}: not valid TOML: {}";
    /// Theme file: `inherits` names an unknown theme: file, name, the valid ones.
    ThemeParentUnknown = "{}: inherits: неизвестная тема {} (есть: {})", "{}: inherits: unknown theme {} (valid: {})";
    /// Theme file: `inherits` is not another theme's name.
    ThemeParentSelf = "{}: inherits: нужно назвать другую тему", "{}: inherits: must name another theme";
    /// Theme file: `roles` is not a table.
    ThemeRolesTable = "{}: roles: нужна таблица", "{}: roles: must be a table";
    /// Theme file: an unknown role: file, role, the valid ones.
    ThemeRoleUnknown = "{}: roles.{}: неизвестная роль (есть: {})", "{}: roles.{}: unknown role (valid: {})";
    /// Theme file: an unknown top-level key: file, key.
    ThemeKeyUnknown = "{}: {}: неизвестный ключ (есть: inherits, name, description, roles)", "{}: {}: unknown key (valid: inherits, name, description, roles)";
    /// A theme file that cannot be read: file, why.
    ThemeCannotRead = "{}: не удалось прочитать тему: {}", "{}: cannot read theme: {}";
    /// `--theme` names no theme: the name, the built-in ones.
    ThemeUnknown = "--theme: неизвестная тема {} (есть: {} или файл .toml)", "--theme: unknown theme {} (valid: {}, or a .toml file)";
    /// Theme style: a flag that is not a boolean.
    StyleFlag = ".{}: нужно true или false", ".{}: must be true or false";
    /// Theme style: an unknown key.
    StyleKeyUnknown = ".{}: неизвестный ключ стиля (есть: fg, bg, bold, dim, italic, underline, reversed, crossed_out)", ".{}: unknown style key (valid: fg, bg, bold, dim, italic, underline, reversed, crossed_out)";
    /// Theme style: neither a colour nor a table.
    StyleShape = ": нужен цвет или таблица вида { fg = \"cyan\", bold = true }", ": must be a colour or a table such as { fg = \"cyan\", bold = true }";
    /// The colours a theme may name: the colour names.
    ColourValid = "есть: {}, #rrggbb или 0-255", "valid: {}, #rrggbb, or 0-255";
    /// Theme: a value that is not a colour: the value, the valid ones.
    NotAColourValue = "{} — не цвет ({})", "{} is not a colour ({})";
    /// Theme: not a colour: the valid ones.
    NotAColour = "не цвет ({})", "not a colour ({})";
    /// keys.toml: an unknown section: file, section, the valid ones.
    KeysSectionUnknown = "{}: неизвестный раздел [{}] (есть: {})", "{}: unknown section [{}] (valid: {})";
    /// keys.toml: a section that is not a table: file, section.
    KeysNotTable = "{}: [{}] должен быть таблицей \"клавиша\" = \"действие\"", "{}: [{}] must be a table of \"key\" = \"action\"";
    /// keys.toml: an action that is not a string: the place.
    KeysActionString = "{}: действие должно быть строкой, например \"quit\"", "{}: the action must be a string such as \"quit\"";
    /// keys.toml: an unknown action: the place, the name, the valid ones.
    KeysActionUnknown = "{}: неизвестное действие {} (есть: none, {})", "{}: unknown action {} (valid: none, {})";
    /// A key name that does not parse: the name.
    KeyUnknown = "неизвестная клавиша {} (один символ, или ctrl-/alt-/shift- с ним, или enter, esc, tab, backtab, space, backspace, up, down, left, right, pageup, pagedown, home, end, delete, insert, f1..f24)", "unknown key {} (use a single character, or ctrl-/alt-/shift- with one, or enter, esc, tab, backtab, space, backspace, up, down, left, right, pageup, pagedown, home, end, delete, insert, f1..f24)";
    /// Status: a report is being written.
    ReportWriting = "Отчёт записывается…", "Writing the report…";
    /// pdftotext's word boxes: a tag or comment with no end.
    BboxUnclosedTag = "тег не закрыт", "a tag is not closed";
    /// pdftotext's word boxes: a `&` with no `;`.
    BboxBadReference = "ссылка на сущность без «;»", "an entity reference has no ';'";
    /// A word count in thousands, in the compare tree (the value rounded).
    CountThousands = "{}\u{a0}тыс.", "{}k";
    /// Words added and removed, both in thousands, in the compare tree.
    CountsThousands = "+{} -{}\u{a0}тыс.", "+{}k -{}k";
    /// A word count in millions, in the compare tree.
    CountMillions = "{}\u{a0}млн", "{}M";
    /// Words added and removed, both in millions, in the compare tree.
    CountsMillions = "+{} -{}\u{a0}млн", "+{}M -{}M";
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
        "add_note" => pick(
            ("замечание к разделу или к абзацу под курсором", "замечание"),
            ("note on the section, or on the paragraph at the cursor", "note"),
        ),
        "next_block" => {
            pick(("следующий абзац (курсор абзаца)", "абзац"), ("next paragraph (paragraph cursor)", "paragraph"))
        }
        "prev_block" => pick(("предыдущий абзац", "абзац"), ("previous paragraph", "paragraph")),
        "notes_list" => pick(("замечания к документу", "замечания"), ("this document's notes", "notes")),
        "save_note" => pick(("сохранить замечание", "сохранить"), ("save the note", "save")),
        "edit_note" => pick(("править замечание", "править"), ("edit the note", "edit")),
        "delete_note" => pick(("удалить замечание (дважды)", "удалить"), ("delete the note (press twice)", "delete")),
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
            ("копировать абзац, различие или замечание (OSC 52)", "копировать"),
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
        "open_matrix" => pick(("матрица проектов по регионам", "матрица"), ("project matrix across regions", "matrix")),
        "open_indicators" => {
            pick(("показатели регионов рядом", "показатели"), ("indicator targets across regions", "indicators"))
        }
        "compare_regions" => {
            pick(("раздел во всех регионах рядом", "регионы"), ("this section in every region", "regions"))
        }
        "next_sector" => pick(("следующая отрасль / все", "отрасль"), ("next sector / all sectors", "sector")),
        "toggle_sort" => {
            pick(("по числу регионов / по отраслям", "порядок"), ("by number of regions / by sector", "sort"))
        }
        "toggle_additions" => {
            pick(("колонки / что каждый добавил", "вид"), ("columns / what each region adds", "view"))
        }
        "toggle_boilerplate" => {
            pick(("приглушить общий текст шаблона", "шаблон"), ("dim the template text regions share", "template"))
        }
        "toggle_punct" => pick(("учитывать пунктуацию / нет", "пункт."), ("compare punctuation / ignore it", "punct")),
        "toggle_ocr" => pick(("сравнение с учётом OCR вкл/выкл", "OCR"), ("OCR-tolerant comparison on/off", "OCR")),
        "quit" => pick(("выход", "выход"), ("quit", "quit")),
        _ => return None,
    })
}

/// A project field's name (its key in the model) in words, lower case, for report tables.
pub fn field_text(key: &str, lang: Lang) -> Option<&'static str> {
    let (ru, en) = match key {
        "sector" => ("отрасль", "sector"),
        "recommended_federal" => ("рекомендовано ФОИВ", "recommended federal"),
        "goal" => ("цель", "goal"),
        "period" => ("срок", "period"),
        "funding" => ("финансирование", "funding"),
        "description" => ("описание", "description"),
        "technologies" => ("технологии", "technologies"),
        "region_role" => ("роль региона", "region's role"),
        "tasks" => ("задачи", "tasks"),
        "beneficiaries" => ("благополучатели", "beneficiaries"),
        "benefits" => ("выгоды", "benefits"),
        _ => return None,
    };
    Some(if lang == Lang::Ru { ru } else { en })
}

/// The Russian text of the command-line help, by key (see `src/cli/help.rs`): a command's path
/// (`""` for `strata`, `"note add"`) for its description, `"<path> <arg id>"` for an argument,
/// `"<path> <arg id>=<value>"` for a possible value. English is the commands' doc comments, so
/// this gives `None` for English.
pub fn cli_help(key: &str, lang: Lang) -> Option<&'static str> {
    if lang == Lang::En {
        return None;
    }
    CLI_HELP_RU.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// The table behind [`cli_help`]; every key is checked against the real command tree by the
/// binary's tests.
pub const CLI_HELP_RU: &[(&str, &str)] = &[
    ("", "Просмотр и сравнение региональных стратегий цифровой трансформации"),
    ("paths", "JSON-документы или папки для открытия (по умолчанию — встроенные образцы)"),
    ("theme", "Тема: встроенная (dark, light, high-contrast, ansi16), имя в папке themes/ настроек или файл .toml"),
    ("color", "Когда использовать цвет (auto учитывает NO_COLOR)"),
    ("color=auto", "по NO_COLOR, COLORTERM и TERM"),
    ("color=always", "цвет даже при NO_COLOR (глубина определяется, не меньше 16 цветов)"),
    ("color=never", "без цвета"),
    ("mouse", "Захватывать мышь (колесо и щелчок); по умолчанию включено, кроме сеансов SSH"),
    ("no_mouse", "Оставить мышь терминалу (его собственное выделение и копирование)"),
    (
        "ascii",
        "Рисовать рамки символами ASCII (для терминалов, где псевдографика двойной ширины, например при «ambiguous width = wide»)",
    ),
    ("debug", "Показывать время (поиска, сравнения) в строке состояния"),
    (
        "ocr_mode",
        "Когда распознавать страницы PDF (OCR): auto (страницы без текстового слоя), always, never. Действует в любой команде; для `strata FILE...` то же — `--ocr WHEN` (в `diff`, `report` и `search` `--ocr` — сравнение и поиск с допуском ошибок OCR)",
    ),
    ("ocr_mode=auto", "страницы, где текстового слоя мало или нет"),
    ("ocr_mode=always", "все страницы, текстовый слой не учитывается"),
    ("ocr_mode=never", "никогда: PDF без текстового слоя — ошибка"),
    ("ocr", "Когда распознавать страницы PDF, открытых в интерфейсе: auto, always, never (как `--ocr-mode`)"),
    ("ocr=auto", "страницы, где текстового слоя мало или нет"),
    ("ocr=always", "все страницы, текстовый слой не учитывается"),
    ("ocr=never", "никогда: PDF без текстового слоя — ошибка"),
    ("no_cache", "Читать PDF, Word и текстовые файлы заново, а не из кэша нормализованных документов"),
    (
        "lang",
        "Язык интерфейса: ru или en (по умолчанию — `interface.lang` в config.toml, иначе LC_ALL, LC_MESSAGES, LANG)",
    ),
    ("compare-section", "Один раздел нескольких регионов: что каждый добавляет к общему тексту, или рядом"),
    ("compare-section key", "Ключ раздела (например, `problems.healthcare`)"),
    ("compare-section docs", "JSON-документы, папки или имена `REGION[@VERSION]`"),
    ("compare-section view", "Что добавляет каждый регион, регионы рядом или JSON с фрагментами"),
    ("compare-section width", "Ширина вывода в столбцах (по умолчанию — ширина терминала, или 100 вне терминала)"),
    ("indicators", "Целевые значения показателей нескольких регионов рядом, с разбросом по годам"),
    ("indicators docs", "JSON-документы, папки или имена `REGION[@VERSION]`"),
    ("indicators sector", "Только эта отрасль (ключ, например `healthcare`)"),
    ("indicators project", "Только этот проект: его название в формулировке любого региона или часть названия"),
    ("indicators format", "Формат вывода"),
    ("indicators wording", "Показывать формулировки названий каждого региона"),
    ("indicators width", "Ширина вывода в столбцах (по умолчанию — ширина терминала, или 100 вне терминала)"),
    ("matrix", "Какие проекты принял каждый регион: проекты, сопоставленные по смыслу между регионами"),
    ("matrix docs", "JSON-документы, папки или имена `REGION[@VERSION]`"),
    ("matrix sector", "Только эта отрасль (ключ, например `healthcare`)"),
    ("matrix format", "Формат вывода"),
    ("matrix wording", "Показывать формулировки названий каждого региона"),
    ("matrix width", "Ширина вывода в столбцах (по умолчанию — ширина терминала, или 100 вне терминала)"),
    ("report", "Записать отчёт о сравнении (Markdown, HTML или DOCX) с замечаниями и отметками о просмотре"),
    ("report a", "Прежний документ: JSON-файл или `REGION@VERSION`"),
    ("report b", "Новый документ, как A"),
    ("report format", "Формат отчёта"),
    ("report format=md", "Markdown для почты и систем учёта задач"),
    ("report format=html", "один самостоятельный HTML-файл"),
    ("report format=docx", "документ Word с изменениями в режиме рецензирования"),
    (
        "report output",
        "Записать в этот файл (атомарно; символическая ссылка отвергается). По умолчанию — стандартный вывод",
    ),
    ("report ignore_case", "Не различать регистр букв и ё/е"),
    ("report ignore_punct", "Не учитывать пунктуацию"),
    ("report ocr", "Сравнение с допуском ошибок OCR"),
    ("report dir", "Папка, в которой ищутся имена `REGION@VERSION`"),
    ("note", "Замечания рецензентов к разделам и абзацам, отметки о просмотре"),
    ("note reviewed", "Отметить изменённые разделы сравнения просмотренными (без разделов — показать ход просмотра)"),
    ("note reviewed a", "Прежний документ"),
    ("note reviewed b", "Новый документ"),
    ("note reviewed sections", "Ключи разделов для отметки"),
    ("note reviewed clear", "Снять отметки"),
    ("note import", "Добавить замечания, выгруженные в другом месте; повторный импорт того же файла ничего не меняет"),
    ("note import file", "Выгруженный JSON-файл; `-` читает стандартный ввод"),
    ("note export", "Выгрузить все замечания в JSON (для переноса на другую машину)"),
    ("note export output", "Файл вывода (по умолчанию — стандартный вывод)"),
    ("note edit", "Заменить текст замечания"),
    ("note edit id", "Номер замечания"),
    ("note edit text", "Новый текст; `-` читает его со стандартного ввода"),
    ("note rm", "Удалить замечание"),
    ("note rm id", "Номер замечания"),
    ("note list", "Список замечаний: к одному документу или ко всем"),
    ("note list doc", "Документ: JSON-файл или `REGION@VERSION`"),
    ("note list json", "Вывести JSON: `[{id, doc: {region, version}, section, block, text, author, created}]`"),
    ("note add", "Добавить замечание к разделу (или одному его блоку) редакции документа"),
    ("note add doc", "Документ: JSON-файл или `REGION@VERSION`"),
    ("note add section", "Ключ раздела, например `problems.healthcare`"),
    ("note add text", "Замечание; `-` читает его со стандартного ввода"),
    (
        "note add block",
        "Номер блока (абзаца, пункта, строки проекта или показателя), с 1, как показывает `strata diff`",
    ),
    ("overview", "Упорядочить документы по тому, насколько раздел отличается от раздела выбранного документа"),
    ("overview target", "Выбранный документ: JSON-файл или `REGION[@VERSION]` (например, `ivanovo@2021-08-20`)"),
    ("overview section", "Ключ раздела (например, `goals`, `problems.healthcare`, `projects.healthcare`)"),
    ("overview paths", "JSON-документы или папки для сравнения"),
    ("overview json", "Вывести JSON вместо таблицы"),
    ("corpus", "Создать синтетический корпус (все регионы, несколько редакций) для проверок на масштабе"),
    ("corpus out", "Папка для создаваемых JSON-документов"),
    ("corpus seed", "Затравка: одна и та же затравка даёт тот же корпус"),
    ("corpus regions", "Число регионов (от 1 до 1000; создаётся не больше, чем есть субъектов федерации)"),
    ("corpus versions", "Редакций на регион (от 1 до 100)"),
    ("corpus from", "Исходные документы (JSON-файлы или папки); по умолчанию — встроенные образцы"),
    ("diff", "Сравнить два документа по разделам"),
    ("diff a", "Прежний документ: JSON-файл или `REGION@VERSION` (например, `ivanovo@2021-08-20`)"),
    ("diff b", "Новый документ, как A"),
    (
        "diff section",
        "Сравнить только этот раздел и его подразделы: ключ (`problems.healthcare`) или русское название, если оно однозначно («проблемы здравоохранение»)",
    ),
    ("diff format", "Формат вывода"),
    ("diff color", "Цвет: auto (когда stdout — терминал и NO_COLOR не задан), always или never"),
    ("diff ignore_case", "Не различать регистр букв и ё/е"),
    (
        "diff ignore_punct",
        "Не учитывать пунктуацию (по умолчанию, если один из документов — сплошной текст, потерявший её)",
    ),
    ("diff keep_punct", "Сравнивать пунктуацию, даже если документ — сплошной текст"),
    ("diff ocr", "Сравнение с допуском ошибок OCR: также не учитывать служебные слова, й/и и похожие латинские буквы"),
    ("diff dir", "Папка, в которой ищутся имена `REGION@VERSION`"),
    ("diff width", "Ширина вывода в столбцах, от 1 до 1000 (по умолчанию — ширина терминала, или 100 вне терминала)"),
    ("search", "Искать в разделах, проектах и показателях всех документов"),
    (
        "search query",
        "Что искать, в синтаксисе fzf: слова объединяются по И, `'точно`, `^начало`, `конец$`, `!не`, `a | b` — любое из двух; заглавная буква делает слово чувствительным к регистру; ё = е",
    ),
    ("search paths", "Нормализованные JSON-документы или папки с ними (по умолчанию — встроенные образцы)"),
    ("search scope", "Где искать: заголовки и названия, текст или и то и другое"),
    ("search limit", "Вывести не больше стольких результатов (от 1 до 100000)"),
    ("search json", "Вывести JSON-массив результатов вместо строк"),
    ("search ocr", "Находить и слова, повреждённые при OCR (пропущенные буквы л, н, т и подобные), в конце списка"),
    ("search no_cache", "Не читать и не записывать кэш индекса ($XDG_CACHE_HOME/strata/index)"),
    ("show", "Вывести документ или один его раздел текстом или в JSON"),
    ("show path", "Нормализованный JSON-документ"),
    (
        "show section",
        "Показать только этот раздел: ключ (`problems.healthcare`) или русское название, если оно однозначно",
    ),
    ("show json", "Вывести JSON вместо текста"),
    ("normalize", "Преобразовать исходный текст стратегии (строки PDF или сплошной текст OCR) в нормализованный JSON"),
    (
        "normalize inputs",
        "Текстовые файлы стратегий (UTF-8 или Windows-1251). Файл `<имя>.meta.toml` рядом с входным задаёт сведения о редакции",
    ),
    ("normalize output", "Записать JSON в этот файл (только для одного входного файла)"),
    ("normalize out_dir", "Записать по одному `<имя входного файла>.json` на каждый входной файл в эту папку"),
    ("normalize report", "Вывести оценку качества и предупреждения таблицей в stderr"),
];
