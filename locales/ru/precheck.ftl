# Форма и отчёт страницы предварительной проверки; их формирует модуль воркера предварительной
# проверки (crates/anyqtama-precheck), который виджет загружает только при открытии страницы.
# Результаты по пакетам сформулированы так же, как в `anyqtama check` (cli.ftl, bundle.ftl, core.ftl).
precheck-intro = Выберите пакет, созданный этим сервисом (.zip), его распакованную папку или набор документов — и получите тот же отчёт, что даёт командная строка anyqtama check.
precheck-private = Ничего не загружается: файлы проверяются в этом браузере и не покидают его.
precheck-zip-label = Пакеты (.zip)
precheck-zip-hint = Можно выбрать несколько или перетащить их (или папку) сюда.
precheck-folder-label = Папка
precheck-folder-hint = Распакованный пакет (с bagit.txt), папка с пакетами или набор документов.
precheck-checking = Проверяется { $done } из { $total }…
precheck-report = Отчёт
precheck-as-of = Дата проверки: { $date }
precheck-col-file = Файл
precheck-col-result = Результат
precheck-col-id = Пакет
precheck-col-blockers = Препятствия
precheck-col-warnings = Предупреждения
precheck-col-notes = Заметки
precheck-data-failed = Не удалось загрузить { $url }: { $reason }. Предварительной проверке нужны те же правила и календарь, что и порталу, поэтому она не выполнена.
precheck-input-unreadable = Не удалось прочитать файл: { $reason }
# Отдельные документы (не пакет): можно проверить только их тип и размер.
precheck-status-accepted = тип принимается
precheck-document-kind = { $kind ->
        [pdf] Документ PDF, { $size } МБ.
        [jpeg] Изображение JPEG, { $size } МБ.
        [png] Изображение PNG, { $size } МБ.
        [executable] Программа Windows, как бы ни назывался файл.
        [zip] Архив ZIP (или файл Word либо Excel), а не пакет.
       *[other] Содержимое не распознано.
    }
precheck-document-accepted = Тип и размер допустимы.
precheck-document-refused = Не принимается: принимаются только файлы PDF, JPEG и PNG.
precheck-document-too-large = Не принимается: { $size } МБ; не более { $max } МБ на файл.
precheck-document-empty = Не принимается: файл пуст.
precheck-documents-note = Это не пакет: проверены только тип и размер каждого документа. Для проверки целостности, подписи, комплектности и сроков нужен весь пакет: .zip, созданный этим сервисом, или его распакованная папка (с bagit.txt).
precheck-documents-summary = Документов: { $total }; допустимого типа: { $accepted }, не принято: { $refused }.
