# Тексты командной строки `anyqtama`.
cli-due = Срок: { $date }
cli-event = Событие: { $event } — { $label } ({ $cite })
cli-from = Начало отсчёта: { $date } — { $from_label }
cli-counted = Отсчитано: { $working_days } { $working_days ->
        [one] рабочий день
        [few] рабочих дня
        [many] рабочих дней
       *[other] рабочего дня
    }, начиная со дня, следующего за событием.
cli-basis = Основание: { $rule } ({ $cite })
cli-our-reading = Наше толкование: { $text }
cli-skipped-heading = Пропущенные дни:
cli-skipped-none = Пропущенные дни: нет.
cli-provisional = Предварительно: часть отсчёта приходится на год, календарь которого ещё не утверждён; дата может измениться.
cli-calendar-heading = Календарь на { $year } год
cli-calendar-days-off = Выходные дни с понедельника по пятницу ({ $count }):
cli-calendar-worked = Рабочие дни в субботу и воскресенье ({ $count }):
cli-calendar-none = нет
cli-calendar-provisional = Предварительно: { $reason }
cli-calendar-sources = Источники:
cli-error-unknown-event = Неизвестное событие «{ $event }». Известные события: { $events }.
cli-error-bad-date = «{ $value }» — не дата: укажите её в формате ГГГГ-ММ-ДД, например 2026-03-20.
cli-error-unknown-year = Нет данных календаря на { $year } год: данные охватывают { $years }.
cli-error-data = Не удалось загрузить { $path }: { $reason }
cli-error-no-rules = На { $date } не действуют никакие правила.
check-cli-heading = Проверено на { $date } (путь, результат, пакет, препятствия, предупреждения, заметки):
check-cli-status-valid = в порядке
check-cli-status-refused = отклонён
check-cli-status-unreadable = не читается
check-cli-summary = Пакетов: { $total }; в порядке: { $valid }, отклонено: { $refused }, не читается: { $unreadable }.
check-cli-none = Не найдено ни одного пакета (.zip или папки с bagit.txt) в { $paths }.
cli-token-new = Токен сотрудника { $name } (показывается один раз; в базе хранится только его хеш):
cli-token-bad-name = «{ $name }» — недопустимое имя: используйте от 1 до 64 букв, цифр и . _ @ -.
cli-token-taken = У имени { $name } уже есть токен (отозванное имя остаётся занятым): выберите другое.
cli-token-revoked = Токен сотрудника { $name } отозван.
cli-token-not-found = Действующего токена с именем { $name } нет.
cli-token-none = Токенов нет.
cli-token-row-active = { $name }: создан { $created }
cli-token-row-revoked = { $name }: создан { $created }, отозван { $revoked }
cli-audit-none = Журнал аудита пуст.
cli-audit-heading = Когда, сотрудник, действие, что, откуда:
