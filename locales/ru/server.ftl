# Тексты сервера приёма (anyqtama serve): почему запрос отклонён, в JSON-ответах
# POST /api/bundles и GET /api/bundles/{id}.
server-invalid = Пакет отклонён: он повреждён или изменён после подписания. { $count ->
    [one] Указана { $count } причина.
    [few] Указаны { $count } причины.
   *[other] Указано { $count } причин.
}
server-blocked = Пакет цел, но зарегистрировать его можно только после исправления заявления. { $count ->
    [one] Проверка находит { $count } недостаток.
    [few] Проверка находит { $count } недостатка.
   *[other] Проверка находит { $count } недостатков.
}
server-too-large = Пакет слишком большой: принимается не более { $limit } байт.
server-content-type = Отправьте пакет телом запроса с Content-Type: application/zip.
server-idempotency-key = Заголовок Idempotency-Key должен содержать от 1 до 255 видимых символов ASCII.
server-idempotency-conflict = Этот Idempotency-Key уже использован для другого пакета.
server-id-conflict = Другой пакет с тем же идентификатором { $id } уже зарегистрирован.
server-not-found = Пакет с таким идентификатором не зарегистрирован.
server-method = Этот метод здесь не допускается.
server-internal = Пакет не удалось сохранить из-за ошибки сервера; ничего не зарегистрировано. Повторите попытку.
