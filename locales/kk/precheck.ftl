# Алдын ала тексеру бетінің пішіні мен есебі; оларды алдын ала тексеру воркерінің модулі
# (crates/anyqtama-precheck) жасайды, виджет оны тек бет ашылғанда жүктейді. Топтамалар
# бойынша нәтижелер `anyqtama check` сияқты айтылады (cli.ftl, bundle.ftl, core.ftl).
precheck-intro = Осы қызмет жасаған топтаманы (.zip), оның ашылған қалтасын немесе құжаттар жиынын таңдаңыз да, anyqtama check командалық жолы беретін есепті алыңыз.
precheck-private = Ештеңе жүктеп жіберілмейді: файлдар осы браузерде тексеріледі және одан шықпайды.
precheck-zip-label = Топтамалар (.zip)
precheck-zip-hint = Бірнешеуін таңдауға немесе оларды (не қалтаны) осы жерге сүйреп әкелуге болады.
precheck-folder-label = Қалта
precheck-folder-hint = Ашылған топтама (bagit.txt бар), топтамалар қалтасы немесе құжаттар жиыны.
precheck-checking = { $total } ішінен { $done } тексерілуде…
precheck-report = Есеп
precheck-as-of = { $date } күнгі жағдай бойынша тексерілді.
precheck-col-file = Файл
precheck-col-result = Нәтиже
precheck-col-id = Топтама
precheck-col-blockers = Кедергілер
precheck-col-warnings = Ескертулер
precheck-col-notes = Жазбалар
precheck-data-failed = { $url } жүктелмеді: { $reason }. Алдын ала тексеруге порталдағыдай қағидалар мен күнтізбе керек, сондықтан ол орындалмады.
precheck-input-unreadable = Файлды оқу мүмкін болмады: { $reason }
# Жеке құжаттар (топтама емес): тек түрі мен өлшемін тексеруге болады.
precheck-status-accepted = түрі қабылданады
precheck-document-kind = { $kind ->
        [pdf] PDF құжаты, { $size } МБ.
        [jpeg] JPEG суреті, { $size } МБ.
        [png] PNG суреті, { $size } МБ.
        [executable] Атауына қарамастан Windows бағдарламасы.
        [zip] ZIP мұрағаты (немесе Word не Excel файлы), топтама емес.
       *[other] Мазмұны танылмады.
    }
precheck-document-accepted = Түрі мен өлшемі қабылданады.
precheck-document-refused = Қабылданбайды: тек PDF, JPEG және PNG файлдары қабылданады.
precheck-document-too-large = Қабылданбайды: { $size } МБ; бір файлға ең көбі { $max } МБ.
precheck-document-empty = Қабылданбайды: файл бос.
precheck-documents-note = Бұл топтама емес: әр құжаттың тек түрі мен өлшемі тексерілді. Тұтастықты, қолтаңбаны, толықтықты және мерзімдерді тексеру үшін толық топтама керек: осы қызмет жасаған .zip немесе оның ашылған қалтасы (bagit.txt бар).
precheck-documents-summary = Құжаттар: { $total }; қабылданатын түрде: { $accepted }, қабылданбады: { $refused }.
