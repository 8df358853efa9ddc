# Тексты подписанного пакета: почему пакет отклонён (по одному на код из CODES anyqtama-bundle,
# id "bundle-" + код, где "." и "_" заменены на "-"), и команды bundle, verify, keygen.
bundle-zip-not-zip = Файл не является ZIP-архивом.
bundle-zip-truncated = ZIP-архив обрезан: части не хватает.
bundle-zip-malformed = ZIP-архив повреждён ({ $reason }).
bundle-zip-unsupported = Эта возможность ZIP не принимается: { $reason }.
bundle-zip-too-many-entries = В архиве { $count } записей; принимается не более { $limit }.
bundle-zip-too-large = Файл больше допустимого (предел { $limit } байт).
bundle-zip-bomb = Архив похож на ZIP-бомбу ({ $reason }); он не распакован.
bundle-zip-crc = Контрольная сумма файла в архиве не совпадает с его содержимым.
bundle-zip-duplicate = В архиве два файла с этим именем.
bundle-name-unsafe = Небезопасное имя файла ({ $reason }): оно может выйти за пределы папки распаковки.
bundle-bag-missing-tag-file = Нет обязательного файла пакета BagIt.
bundle-bag-unexpected-file = Файл, которого не должно быть в пакете.
bundle-bag-declaration = bagit.txt не объявляет пакет BagIt 1.0 в кодировке UTF-8.
bundle-bag-info-invalid = bag-info.txt: поле «{ $field }» отсутствует или неверно.
bundle-bag-info-mismatch = В bag-info.txt { $field } — «{ $declared }», а в заявлении — «{ $actual }».
bundle-bag-oxum = Содержимое не соответствует bag-info.txt (Payload-Oxum { $declared }, на деле { $actual }).
bundle-bag-manifest-syntax = Строку { $line } манифеста невозможно прочитать.
bundle-bag-manifest-mismatch = Файл изменён: его SHA-256 не совпадает с manifest-sha256.txt.
bundle-bag-file-missing = Файл указан в манифесте, но в пакете его нет.
bundle-bag-file-unlisted = Файл не указан в manifest-sha256.txt.
bundle-bag-tagmanifest-mismatch = Служебный файл изменён: его SHA-256 не совпадает с tagmanifest-sha256.txt.
bundle-bag-tag-unlisted = Служебный файл не указан в tagmanifest-sha256.txt, поэтому подпись его не охватывает.
bundle-signature-missing = Пакет не подписан: нет signature.jws.
bundle-signature-malformed = signature.jws невозможно прочитать ({ $reason }).
bundle-signature-header = Заголовок подписи не принимается ({ $reason }).
bundle-signature-key = Открытый ключ подписи не принимается ({ $reason }).
bundle-signature-invalid = Подпись не совпадает: изменён служебный манифест или сама подпись.
bundle-eds-no-trust-anchor = Квалифицированную электронную подпись (ЭЦП) не удалось проверить: не задан доверенный сертификат, по которому её проверить (anyqtama check --trust CERT).
bundle-eds-invalid = Квалифицированная электронная подпись (ЭЦП) недействительна (см. подписавшего).
bundle-eds-iin-mismatch = Квалифицированная электронная подпись (ЭЦП) действительна, но принадлежит не заявителю: заявление подано на ИИН { $iin }, ИИН подписавшего — { $signer }.
bundle-application-missing = В пакете нет заявления (data/application.json).
bundle-application-invalid = Заявление невозможно прочитать: { $reason }
bundle-application-schema = Версия схемы заявления { $schema } не поддерживается (поддерживается: { $supported }).
bundle-application-not-canonical = application.json записан не в каноническом JSON (RFC 8785).
bundle-application-file-missing = Заявление описывает этот документ, но в пакете его нет.
bundle-application-file-unlisted = Документ есть в пакете, но заявление его не описывает.
bundle-application-file-mismatch = Документ не соответствует описанию в заявлении ({ $what }: указано { $described }, на деле { $actual }).
bundle-check-blockers = Проверка заявления находит { $count ->
        [one] { $count } недочёт, который нужно исправить
        [few] { $count } недочёта, которые нужно исправить
       *[many] { $count } недочётов, которые нужно исправить
    }.
bundle-build-id = «{ $id }» — не UUID.
bundle-build-too-large = Слишком велико для ZIP-архива без ZIP64.
bundle-build-signer = Пакет не удалось подписать: { $reason }
bundle-cli-valid = Пакет { $id } действителен.
bundle-cli-invalid = Пакет { $id } недействителен: { $count ->
        [one] { $count } проблема
        [few] { $count } проблемы
       *[many] { $count } проблем
    }.
bundle-cli-unreadable = Пакет невозможно прочитать:
bundle-cli-key = Подписан ключом { $thumbprint } (отпечаток JWK).
bundle-cli-findings = Проверка на { $date }:
bundle-cli-written = Пакет { $id } записан в { $path }: документов — { $files }, { $bytes } байт.
bundle-cli-keygen = Закрытый ключ записан в { $path }. Храните его в тайне; его открытая часть входит в каждый подписанный им пакет.
bundle-cli-error-read = Не удалось прочитать { $path }: { $reason }
bundle-cli-error-write = Не удалось записать { $path }: { $reason }
bundle-cli-error-exists = { $path } уже существует; файл не перезаписан.
bundle-cli-error-key = { $path } — не закрытый ключ P-256 (JWK): { $reason }
bundle-cli-error-application = { $path } — не заявление: { $reason }
bundle-cli-error-documents = { $path } — не папка документов (по папке на каждый пункт перечня): { $reason }
