# Тексты ядра: даты, дни, уровни важности и все замечания проверки.
# Идентификатор каждого замечания — "finding-" + его код, в котором "." и "_" заменены на "-".

## Даты
date-long = { $day } { $month } { $year } г.
date-with-weekday = { $weekday }, { $date }
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря
weekday-short-mon = пн
weekday-short-tue = вт
weekday-short-wed = ср
weekday-short-thu = чт
weekday-short-fri = пт
weekday-short-sat = сб
weekday-short-sun = вс
weekday-long-mon = понедельник
weekday-long-tue = вторник
weekday-long-wed = среда
weekday-long-thu = четверг
weekday-long-fri = пятница
weekday-long-sat = суббота
weekday-long-sun = воскресенье

## Почему день рабочий или нерабочий
day-working = рабочий день
day-worked-weekend = рабочий день по переносу: { $reason }
day-observed-holiday = перенесённый выходной: { $holiday } (праздник пришёлся на { $original })
day-transferred-off = выходной день по переносу: { $reason }

## Уровни важности
severity-blocker = Нужно исправить
severity-warning = Предупреждение
severity-note = Примечание

## Замечания
finding-rules-none-in-force = На { $date } не действуют никакие правила: заявление невозможно проверить.
finding-rules-provisional-start = Правила версии { $version } применяются с { $date } — это расчётная дата (даты официального опубликования приказа нет в наших источниках).
finding-field-required = Заполните поле «{ $field }».
finding-field-too-long = Поле «{ $field }» должно содержать не более { $max } { $max ->
        [one] символа
        [few] символов
        [many] символов
       *[other] символа
    }.
finding-field-not-a-date = «{ $field }»: укажите существующую дату («{ $value }» — не дата).
finding-field-date-part-missing = «{ $field }»: укажите { $part ->
        [day] день
        [month] месяц
       *[other] год
    }.
finding-field-date-part-invalid = «{ $field }»: { $part ->
        [day] день — число от 1 до 31
        [month] месяц — число от 1 до 12
       *[other] год — четыре цифры
    }.
finding-field-date-no-such-day = «{ $field }»: в этом месяце { $days } дней, дня { $day } нет.
finding-field-date-in-future = «{ $field }»: дата не может быть в будущем ({ $date } — позже сегодняшнего дня, { $today }).
finding-field-date-too-old = «{ $field }»: дата { $date } слишком давняя; проверьте год.
finding-field-unknown-choice = «{ $field }»: значения «{ $value }» нет среди вариантов выбора.
finding-field-not-confirmed = Отметьте «{ $field }», чтобы продолжить.
finding-field-not-before = «{ $field }»: дата { $date } должна быть раньше, чем «{ $other }» ({ $other_date }).
finding-iin-empty = Укажите ИИН.
finding-iin-length = Поле «{ $field }» должно содержать ровно 12 цифр.
finding-iin-not-digits = Поле «{ $field }» должно содержать только цифры.
finding-iin-birth-date = «{ $field }»: первые шесть цифр должны быть существующей датой рождения (ГГММДД).
finding-iin-century-digit = «{ $field }»: 7-я цифра должна быть от 1 до 6 (век рождения и пол).
finding-iin-check-digit = «{ $field }»: последняя (контрольная) цифра не сходится; проверьте, нет ли опечатки.
finding-bin-or-iin-length = Поле «{ $field }» должно содержать ровно 12 цифр (БИН или ИИН).
finding-bin-or-iin-not-digits = Поле «{ $field }» должно содержать только цифры.
finding-bin-or-iin-birth-date = «{ $field }»: если это ИИН, первые шесть цифр должны быть существующей датой рождения.
finding-bin-or-iin-century-digit = «{ $field }»: если это ИИН, 7-я цифра должна быть от 1 до 6.
finding-bin-or-iin-month = «{ $field }»: если это БИН, 3-я и 4-я цифры должны обозначать месяц (01–12).
finding-bin-or-iin-kind-digit = «{ $field }»: если это БИН, 5-я цифра должна быть 4, 5 или 6.
finding-bin-or-iin-unit-digit = «{ $field }»: если это БИН, 6-я цифра должна быть от 0 до 3.
finding-bin-or-iin-check-digit = «{ $field }»: последняя (контрольная) цифра не сходится; проверьте, нет ли опечатки.
finding-phone-format = «{ $field }» — это не номер телефона; укажите его с кодом страны, например +7 777 123 45 67.
finding-phone-not-kazakhstan = «{ $field }»: нужен казахстанский номер (+7 6… или +7 7…).
finding-document-number-format = «{ $field }»: введите номер документа так, как он напечатан (от 5 до 20 букв и цифр).
finding-identity-document-expired = { $date } истёк срок действия документа, удостоверяющего личность. Документ с истёкшим сроком действия не принимается: сначала получите новый.
finding-identity-document-expires-before-decision = Срок действия документа, удостоверяющего личность, истекает { $date } — в день ожидаемого решения ({ $decision }) или раньше.
finding-profession-list-not-loaded = Официальный перечень приоритетных отраслей и востребованных профессий не загружен: сверить с ним профессию не удалось.
finding-profession-list-is-sample = Загружены только примерные данные ({ $version }), а не официальный перечень: проверить профессию не удалось.
finding-profession-not-in-list = «{ $value }» нет среди востребованных профессий официального перечня ({ $version }).
finding-profession-sector-mismatch = Профессия «{ $value }» относится к отрасли «{ $expected }», а не к выбранной.
finding-scoring-not-loaded = Критерии оценки (пункт 10 Правил, проходной балл — шесть) не загружены: оценить баллы не удалось. Комиссия оценивает каждого заявителя.
finding-checklist-missing = Приложите «{ $item }».
finding-checklist-group-missing = Приложите одно из двух: «{ $item1 }» или «{ $item2 }» ({ $group }).
finding-checklist-not-confirmed = «{ $item }»: подтвердите, что документ соответствует требованию «{ $confirmation }».
finding-checklist-expired = { $date } истёк срок действия документа «{ $item }». Документ с истёкшим сроком действия не принимается.
finding-checklist-expiry-missing = «{ $item }»: укажите дату, до которой документ действителен.
finding-checklist-too-many-files = «{ $item }»: { $count ->
        [one] приложен { $count } файл
        [few] приложено { $count } файла
        [many] приложено { $count } файлов
       *[other] приложено { $count } файла
    }, а допускается не более { $max }.
finding-file-type-refused = «{ $file }» ({ $item }) — не файл PDF, JPEG или PNG, как бы он ни назывался: { $kind ->
        [executable] это программа Windows.
        [zip] это архив ZIP (или файл Word или Excel); сохраните документ в PDF.
        [unknown] его содержимое не распознано.
       *[other] его содержимое — { $type }.
    }
finding-file-too-large = «{ $file }» ({ $item }) имеет размер { $size } МБ; допускается не более { $max } МБ на файл.
finding-file-empty = Файл «{ $file }» ({ $item }) пуст.
finding-package-too-large = Общий размер вложений — { $size } МБ; допускается не более { $max } МБ в сумме.
finding-deadline-overdue = { $limit }: срок в { $working_days } { $working_days ->
        [one] рабочий день
        [few] рабочих дня
        [many] рабочих дней
       *[other] рабочего дня
    } с { $from } истёк { $due } ({ $days_late } { $days_late ->
        [one] день
        [few] дня
        [many] дней
       *[other] дня
    } назад).
finding-deadline-due-soon = { $limit }: срок до { $due } — { $working_days_left ->
        [0] сегодня последний день
        [one] остался { $working_days_left } рабочий день
        [few] осталось { $working_days_left } рабочих дня
        [many] осталось { $working_days_left } рабочих дней
       *[other] осталось { $working_days_left } рабочего дня
    }.
finding-deadline-in-time = { $limit }: срок до { $due } ({ $working_days_left ->
        [one] остался { $working_days_left } рабочий день
        [few] осталось { $working_days_left } рабочих дня
        [many] осталось { $working_days_left } рабочих дней
       *[other] осталось { $working_days_left } рабочего дня
    }).
finding-deadline-provisional = Одна из дат рассчитана по предварительному календарю (на год, переносы выходных дней которого ещё не известны); она может измениться.
finding-decision-expected = { $shift ->
        [after_hours] Если отправить заявление сейчас, после { $closes_at } ({ $sent }), оно будет зарегистрировано на следующий рабочий день, { $registered }
        [day_off] Если отправить заявление сейчас, в выходной день ({ $sent }), оно будет зарегистрировано на следующий рабочий день, { $registered }
       *[other] Если отправить заявление сегодня, оно будет зарегистрировано { $registered }
    }; решение ожидается не позднее { $due } ({ $working_days } { $working_days ->
        [one] рабочий день
        [few] рабочих дня
        [many] рабочих дней
       *[other] рабочего дня
    }).
finding-extension-end = Справка будет продлена до { $end } (трудовой договор заканчивается { $contract_end }).
finding-extension-capped = Трудовой договор действует до { $contract_end }, но продлить справку можно не более чем на три года (до { $cap }).
finding-extension-contract-ended = Трудовой договор прекратился { $date }: нет срока договора, до которого можно продлить справку.
