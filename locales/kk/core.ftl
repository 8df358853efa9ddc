# Ядро мәтіндері: күндер, күн түрлері, маңыздылық деңгейлері және тексерудің барлық ескертулері.
# Әр ескертудің идентификаторы — "finding-" + оның коды, онда "." және "_" белгілері "-" белгісіне ауыстырылған.

## Күндер
date-long = { $year } ж. { $day } { $month }
date-with-weekday = { $date }, { $weekday }
month-1 = қаңтар
month-2 = ақпан
month-3 = наурыз
month-4 = сәуір
month-5 = мамыр
month-6 = маусым
month-7 = шілде
month-8 = тамыз
month-9 = қыркүйек
month-10 = қазан
month-11 = қараша
month-12 = желтоқсан
weekday-short-mon = дс
weekday-short-tue = сс
weekday-short-wed = ср
weekday-short-thu = бс
weekday-short-fri = жм
weekday-short-sat = сб
weekday-short-sun = жс
weekday-long-mon = дүйсенбі
weekday-long-tue = сейсенбі
weekday-long-wed = сәрсенбі
weekday-long-thu = бейсенбі
weekday-long-fri = жұма
weekday-long-sat = сенбі
weekday-long-sun = жексенбі

## Күннің неге жұмыс күні болатыны немесе болмайтыны
day-working = жұмыс күні
day-worked-weekend = ауыстыру бойынша жұмыс күні: { $reason }
day-observed-holiday = ауыстырылған демалыс күні: { $holiday } (мереке күні — { $original })
day-transferred-off = ауыстыру бойынша демалыс күні: { $reason }

## Маңыздылық деңгейлері
severity-blocker = Түзету қажет
severity-warning = Ескерту
severity-note = Ескертпе

## Ескертулер
finding-rules-none-in-force = { $date } күні қолданыстағы қағидалар жоқ: өтінішті тексеру мүмкін емес.
finding-rules-provisional-start = { $version } нұсқалы қағидалардың қолданыла бастайтын күні — { $date }; бұл — болжамды күн (бұйрықтың ресми жарияланған күні біздің дереккөздерде жоқ).
finding-field-required = «{ $field }» өрісін толтырыңыз.
finding-field-too-long = «{ $field }» өрісі { $max } таңбадан аспауы керек.
finding-field-not-a-date = «{ $field }» өрісінде нақты күн болуы керек («{ $value }» — күн емес).
finding-field-date-part-missing = «{ $field }»: { $part ->
        [day] күнін
        [month] айын
       *[other] жылын
    } көрсетіңіз.
finding-field-date-part-invalid = «{ $field }»: { $part ->
        [day] күні 1-ден 31-ге дейінгі сан болуы керек
        [month] айы 1-ден 12-ге дейінгі сан болуы керек
       *[other] жылы төрт цифрдан тұруы керек
    }.
finding-field-date-no-such-day = «{ $field }»: бұл айда { $days } күн бар, { $day }-күн жоқ.
finding-field-date-in-future = «{ $field }»: күн болашақта бола алмайды (көрсетілген күн — { $date }, бүгін — { $today }).
finding-field-date-too-old = «{ $field }»: { $date } — тым ерте күн; жылын тексеріңіз.
finding-field-unknown-choice = «{ $field }»: «{ $value }» мәні ұсынылған нұсқалардың арасында жоқ.
finding-field-not-confirmed = Жалғастыру үшін «{ $field }» жолына белгі қойыңыз.
finding-field-not-before = «{ $field }» өрісіндегі күн ({ $date }) «{ $other }» өрісіндегі күннен ({ $other_date }) ерте болуы керек.
finding-iin-empty = Жеке сәйкестендіру нөмірін (ЖСН) енгізіңіз.
finding-iin-length = «{ $field }» өрісінде дәл 12 цифр болуы керек.
finding-iin-not-digits = «{ $field }» өрісінде тек цифрлар болуы керек.
finding-iin-birth-date = «{ $field }»: алғашқы алты цифр нақты туған күн болуы керек (ЖЖААКК).
finding-iin-century-digit = «{ $field }»: жетінші цифр 1-ден 6-ға дейін болуы керек (ғасыр және жыныс).
finding-iin-check-digit = «{ $field }»: соңғы (бақылау) цифры сәйкес келмейді; қате терілмегенін тексеріңіз.
finding-bin-or-iin-length = «{ $field }» өрісінде дәл 12 цифр болуы керек (БСН немесе ЖСН).
finding-bin-or-iin-not-digits = «{ $field }» өрісінде тек цифрлар болуы керек.
finding-bin-or-iin-birth-date = «{ $field }»: егер бұл ЖСН болса, алғашқы алты цифр нақты туған күн болуы керек.
finding-bin-or-iin-century-digit = «{ $field }»: егер бұл ЖСН болса, жетінші цифр 1-ден 6-ға дейін болуы керек.
finding-bin-or-iin-month = «{ $field }»: егер бұл БСН болса, үшінші және төртінші цифрлар айды білдіруі керек (01–12).
finding-bin-or-iin-kind-digit = «{ $field }»: егер бұл БСН болса, бесінші цифр 4, 5 немесе 6 болуы керек.
finding-bin-or-iin-unit-digit = «{ $field }»: егер бұл БСН болса, алтыншы цифр 0-ден 3-ке дейін болуы керек.
finding-bin-or-iin-check-digit = «{ $field }»: соңғы (бақылау) цифры сәйкес келмейді; қате терілмегенін тексеріңіз.
finding-phone-format = «{ $field }» — телефон нөмірі емес; оны ел кодымен жазыңыз, мысалы: +7 777 123 45 67.
finding-phone-not-kazakhstan = «{ $field }»: Қазақстан нөмірі болуы керек (+7 6… немесе +7 7…).
finding-document-number-format = «{ $field }»: құжат нөмірін құжатта басылғандай енгізіңіз (5-тен 20-ға дейін әріп пен цифр).
finding-identity-document-expired = Жеке басын куәландыратын құжаттың қолданылу мерзімі { $date } күні өтіп кеткен. Қолданылу мерзімі өтіп кеткен құжат қабылданбайды: алдымен жаңа құжат алыңыз.
finding-identity-document-expires-before-decision = Жеке басын куәландыратын құжаттың қолданылу мерзімі { $date } күні аяқталады, яғни шешім күтілетін күнге ({ $decision }) дейін немесе сол күні.
finding-profession-list-not-loaded = Басым салалар мен олардағы сұранысқа ие кәсіптердің ресми тізбесі жүктелмеген: кәсіпті осы тізбе бойынша тексеру мүмкін болмады.
finding-profession-list-is-sample = Ресми тізбе емес, тек үлгі деректер ({ $version }) жүктелген: кәсіпті тексеру мүмкін болмады.
finding-profession-not-in-list = «{ $value }» ресми тізбеде ({ $version }) сұранысқа ие кәсіп ретінде көрсетілмеген.
finding-profession-sector-mismatch = «{ $value }» кәсібі таңдалған салаға емес, «{ $expected }» саласына жатады.
finding-scoring-not-loaded = Бағалау өлшемшарттары (Қағидалардың 10-тармағы, өту шегі — алты балл) жүктелмеген: балды алдын ала есептеу мүмкін болмады. Комиссия әр өтініш берушіні бағалайды.
finding-checklist-missing = «{ $item }» құжатын қоса беріңіз.
finding-checklist-group-missing = Мыналардың бірін қоса беріңіз: «{ $item1 }» немесе «{ $item2 }» ({ $group }).
finding-checklist-not-confirmed = «{ $item }»: құжаттың «{ $confirmation }» талабына сәйкес келетінін растаңыз.
finding-checklist-expired = «{ $item }» құжатының қолданылу мерзімі { $date } күні өтіп кеткен. Қолданылу мерзімі өтіп кеткен құжат қабылданбайды.
finding-checklist-expiry-missing = «{ $item }»: құжаттың қай күнге дейін жарамды екенін көрсетіңіз.
finding-checklist-too-many-files = «{ $item }»: { $count } файл қоса берілген, ең көбі { $max } файлға рұқсат етіледі.
finding-file-type-refused = «{ $file }» ({ $item }) атауына қарамастан PDF, JPEG немесе PNG файлы емес: { $kind ->
        [executable] бұл Windows бағдарламасы.
        [zip] бұл ZIP мұрағаты (немесе Word не Excel файлы); құжатты PDF түрінде сақтаңыз.
        [unknown] мазмұны танылмады.
       *[other] мазмұны — { $type }.
    }
finding-file-too-large = «{ $file }» ({ $item }) көлемі — { $size } МБ; бір файлға ең көбі { $max } МБ рұқсат етіледі.
finding-file-empty = «{ $file }» ({ $item }) файлы бос.
finding-package-too-large = Қоса берілген файлдардың жалпы көлемі — { $size } МБ; барлығы бірге ең көбі { $max } МБ болуы керек.
finding-deadline-overdue = { $limit }: { $from } күнінен бастап есептелетін { $working_days } жұмыс күні { $due } күні аяқталды ({ $days_late } күн бұрын).
finding-deadline-due-soon = { $limit }: мерзімі — { $due } күніне дейін; { $working_days_left ->
        [0] бүгін — соңғы күн
       *[other] { $working_days_left } жұмыс күні қалды
    }.
finding-deadline-in-time = { $limit }: мерзімі — { $due } күніне дейін ({ $working_days_left } жұмыс күні қалды).
finding-deadline-provisional = Күндердің бірі алдын ала күнтізбе бойынша есептелді (демалыс күндерінің ауыстырылуы әлі белгісіз жыл); ол өзгеруі мүмкін.
finding-decision-expected = { $shift ->
        [after_hours] Өтінішті қазір, сағат { $closes_at }-дан кейін ({ $sent }) жіберсеңіз, ол келесі жұмыс күні, { $registered } күні тіркеледі
        [day_off] Өтінішті қазір, демалыс күні ({ $sent }) жіберсеңіз, ол келесі жұмыс күні, { $registered } күні тіркеледі
       *[other] Өтінішті бүгін жіберсеңіз, ол { $registered } күні тіркеледі
    }; шешім { $due } күнінен кешіктірілмей қабылдануға тиіс ({ $working_days } жұмыс күні).
finding-extension-end = Анықтама { $end } күніне дейін ұзартылады (еңбек шарты { $contract_end } күні аяқталады).
finding-extension-capped = Еңбек шарты { $contract_end } күніне дейін жасалған, бірақ анықтама ең көбі үш жылға ұзартылады: { $cap } күніне дейін.
finding-extension-contract-ended = Еңбек шарты { $date } күні тоқтатылған: анықтаманы ұзартуға болатын шарт мерзімі жоқ.
