# Қабылдау серверінің мәтіндері (anyqtama serve): сұраудың неге қабылданбағаны,
# POST /api/bundles және GET /api/bundles/{id} JSON жауаптарында.
server-invalid = Пакет қабылданбады: ол зақымдалған немесе қол қойылғаннан кейін өзгертілген. Себептер саны: { $count }.
server-blocked = Пакет бүтін, бірақ өтінішті тексеру тіркеуге дейін түзетуді қажет ететін { $count } кемшілік тапты.
server-too-large = Пакет тым үлкен: ең көбі { $limit } байт қабылданады.
server-content-type = Пакетті сұраудың денесі ретінде Content-Type: application/zip деп жіберіңіз.
server-idempotency-key = Idempotency-Key тақырыбы 1-ден 255-ке дейін көрінетін ASCII таңбасынан тұруы керек.
server-idempotency-conflict = Бұл Idempotency-Key басқа пакет үшін қолданылған.
server-id-conflict = Дәл осы { $id } идентификаторымен басқа пакет тіркелген.
server-not-found = Бұл идентификатормен тіркелген пакет жоқ.
server-method = Бұл әдіс мұнда рұқсат етілмейді.
server-internal = Сервер қатесінен пакет сақталмады; ештеңе тіркелген жоқ. Қайталап көріңіз.
