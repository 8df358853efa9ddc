# Texts of the web app (the widget). Ids start with "app-"; the same ids are in kk, ru and en.
# The home page is a placeholder until the application form lands.
app-title = Anyqtama: check an application for a certificate of qualification compliance
app-service-name = Anyqtama
app-lang-switch = Language
app-lang-kk = Қазақша
app-lang-ru = Русский
app-lang-en = English
app-phase-tag = Preview
app-phase-text = This page is a placeholder: the application form and the checklist will appear here.
app-heading = Check your application before you submit it
app-intro = Anyqtama helps foreigners and stateless persons prepare an application for a certificate of qualification compliance for independent employment in Kazakhstan.
app-intro-what = It lists the documents your kind of request needs, checks the form, and counts the time limits in working days, holidays included.
app-rules-heading = Rules in this version
app-rules-fact = Rules version { $version }, in force from { $date }. Kinds of request: { $kinds }.
app-rules-provisional = The date of entry into force is our estimate and may change.
app-rules-origin = Worked out in your browser by the Anyqtama core from its built-in rules.
app-rules-missing = No built-in rules were found.
app-skip-link = Skip to main content
app-calendar-fact = Working-day calendar: { $version }.
app-data-loading = Loading the portal's rules and calendar…
app-data-loaded = { $files ->
        [one] One data file from the portal is in use.
       *[other] { $files } data files from the portal are in use.
    }
app-data-failed = Could not load { $url }: { $reason }. The built-in rules and calendar are used instead.
