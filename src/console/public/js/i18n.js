// German and English labels. The language follows the browser until the operator picks one.
/** A label, or for counts a function of the count. @typedef {string | ((count: number) => string)} Label */

const LABELS = {
  en: {
    skip: 'Skip to content',
    language: 'Language',
    signOut: 'Sign out',
    navEvents: 'Events',
    navCalls: 'Calls',
    navCampaigns: 'Campaigns',
    navSync: 'Sync',
    navBooking: 'Booking',
    signInTitle: 'Sign in',
    tokenLabel: 'API token',
    signIn: 'Sign in',
    tokenHint: 'One of API_TOKENS. Kept in this tab only, never in a link.',
    badToken: 'This token was not accepted.',
    signedOut: 'The server ended the sign-in; please sign in again.',
    signInWith: 'Sign in with {name}',
    signInRefused: 'The sign-in was refused or has expired. Try again, or ask for access.',
    orToken: 'Or sign in with an API token:',
    missingScope: 'Needs the scope {scope}',
    networkError: 'The server could not be reached.',
    source: 'Source',
    status: 'Status',
    type: 'Type',
    subject: 'Subject',
    from: 'From',
    to: 'To',
    any: 'any',
    filter: 'Filter',
    live: 'Live refresh',
    received: 'Received',
    attempts: 'Attempts',
    lastError: 'Last error',
    noRows: 'Nothing found.',
    more: 'Load more',
    open: 'Open',
    replay: 'Replay',
    replayReason: 'Reason (kept in the history)',
    replayQueued: 'Queued for processing again.',
    bulkReplay: 'Replay failed and dead events matching these filters',
    bulkTitle: 'Replay events?',
    bulkText: 'Failed and dead events matching the filters are queued again (at most 500).',
    bulkDone: (/** @type {number} */ n) => `${n} event(s) queued again.`,
    event: 'Event',
    payload: 'Payload',
    headers: 'Received headers',
    history: 'Attempts and replays',
    outcome: 'Outcome',
    at: 'At',
    kind: 'Kind',
    duration: 'Duration',
    detail: 'Error or reason',
    notReplayable: 'This source is handled on receipt; nothing to replay.',
    calls: 'Calls',
    candidate: 'Candidate',
    campaign: 'Campaign',
    company: 'Company',
    created: 'Created',
    audio: 'Recording',
    yes: 'yes',
    no: 'no',
    timeline: 'Status timeline',
    answers: 'Answers',
    question: 'Question',
    answer: 'Answer',
    matched: 'Matched',
    transcript: 'Transcript',
    summary: 'Summary',
    noAudio: 'No recording stored.',
    transcriptWithheld: 'Transcript withheld.',
    recordingWithheld: 'Recording withheld.',
    loadingAudio: 'Loading recording…',
    erase: 'Erase',
    eraseCallTitle: 'Erase this call?',
    eraseCallText:
      'The call, its recording, transcript, answers and every event naming it are deleted for good. An audit entry without personal data remains.',
    eraseThreadTitle: 'Erase this thread?',
    eraseThreadText:
      'All messages of this thread and every event naming it are deleted for good. An audit entry without personal data remains.',
    erased: 'Erased.',
    cancel: 'Cancel',
    campaigns: 'Campaigns',
    questions: 'Questions',
    upload: 'Upload',
    required: 'required',
    updated: 'Updated',
    agent: 'Agent',
    language2: 'Language',
    jobTitle: 'Job title',
    sync: 'Sync',
    activity: 'Events per hour (last 24 h)',
    processed: 'processed',
    failed: 'failed',
    dead: 'dead',
    records: 'Records',
    table: 'Table',
    recordId: 'Record id',
    deleted: 'deleted',
    verified: 'verified',
    totalProcessed: 'Processed',
    totalFailed: 'Failed',
    successRate: 'Success rate',
    deadLettered: 'Dead letters',
    queued: 'Queued',
    eventsOf: 'Events of this record',
    booking: 'Booking threads',
    thread: 'Thread',
    phone: 'Phone',
    messages: 'Messages',
    lastMessage: 'Last message',
    back: 'Back',
    notFound: 'Not found.',
    loadFailed: 'Loading failed',
    navAudit: 'Audit',
    auditAt: 'When',
    auditActor: 'Who',
    auditAction: 'Action',
    auditTarget: 'Target',
    auditOutcome: 'Outcome',
    auditOlder: 'Older entries',
    needsScope: 'Your sign-in lacks the scope',
    pageNeedsScopes: (/** @type {number} */ n) =>
      n === 1
        ? 'Your sign-in lacks the scope {scope} for this page.'
        : 'Your sign-in lacks the scopes {scope} for this page.',
  },
  de: {
    skip: 'Zum Inhalt springen',
    language: 'Sprache',
    signOut: 'Abmelden',
    navEvents: 'Ereignisse',
    navCalls: 'Anrufe',
    navCampaigns: 'Kampagnen',
    navSync: 'Sync',
    navBooking: 'Buchungen',
    signInTitle: 'Anmelden',
    tokenLabel: 'API-Token',
    signIn: 'Anmelden',
    tokenHint: 'Einer der API_TOKENS. Nur in diesem Tab gespeichert, nie in einem Link.',
    badToken: 'Dieses Token wurde nicht akzeptiert.',
    signedOut: 'Der Server hat die Anmeldung beendet; bitte erneut anmelden.',
    signInWith: 'Anmelden mit {name}',
    signInRefused:
      'Die Anmeldung wurde abgelehnt oder ist abgelaufen. Bitte erneut versuchen oder Zugang anfragen.',
    orToken: 'Oder mit einem API-Token anmelden:',
    missingScope: 'Benötigt den Scope {scope}',
    networkError: 'Der Server ist nicht erreichbar.',
    source: 'Quelle',
    status: 'Status',
    type: 'Typ',
    subject: 'Bezug',
    from: 'Von',
    to: 'Bis',
    any: 'alle',
    filter: 'Filtern',
    live: 'Live aktualisieren',
    received: 'Empfangen',
    attempts: 'Versuche',
    lastError: 'Letzter Fehler',
    noRows: 'Nichts gefunden.',
    more: 'Mehr laden',
    open: 'Öffnen',
    replay: 'Erneut verarbeiten',
    replayReason: 'Grund (bleibt im Verlauf)',
    replayQueued: 'Zur erneuten Verarbeitung eingereiht.',
    bulkReplay: 'Fehlgeschlagene und tote Ereignisse dieser Filter erneut verarbeiten',
    bulkTitle: 'Ereignisse erneut verarbeiten?',
    bulkText:
      'Fehlgeschlagene und tote Ereignisse, die den Filtern entsprechen, werden erneut eingereiht (höchstens 500).',
    bulkDone: (/** @type {number} */ n) => `${n} Ereignis(se) erneut eingereiht.`,
    event: 'Ereignis',
    payload: 'Nutzdaten',
    headers: 'Empfangene Header',
    history: 'Versuche und Wiederholungen',
    outcome: 'Ergebnis',
    at: 'Zeitpunkt',
    kind: 'Art',
    duration: 'Dauer',
    detail: 'Fehler oder Grund',
    notReplayable: 'Diese Quelle wird beim Empfang verarbeitet; nichts zu wiederholen.',
    calls: 'Anrufe',
    candidate: 'Kandidat:in',
    campaign: 'Kampagne',
    company: 'Firma',
    created: 'Erstellt',
    audio: 'Aufnahme',
    yes: 'ja',
    no: 'nein',
    timeline: 'Statusverlauf',
    answers: 'Antworten',
    question: 'Frage',
    answer: 'Antwort',
    matched: 'Zugeordnet',
    transcript: 'Transkript',
    summary: 'Zusammenfassung',
    noAudio: 'Keine Aufnahme gespeichert.',
    transcriptWithheld: 'Transkript zurückgehalten.',
    recordingWithheld: 'Aufnahme zurückgehalten.',
    loadingAudio: 'Aufnahme wird geladen …',
    erase: 'Löschen',
    eraseCallTitle: 'Diesen Anruf löschen?',
    eraseCallText:
      'Der Anruf, seine Aufnahme, das Transkript, die Antworten und alle Ereignisse, die ihn nennen, werden endgültig gelöscht. Ein Protokolleintrag ohne personenbezogene Daten bleibt.',
    eraseThreadTitle: 'Diesen Verlauf löschen?',
    eraseThreadText:
      'Alle Nachrichten dieses Verlaufs und alle Ereignisse, die ihn nennen, werden endgültig gelöscht. Ein Protokolleintrag ohne personenbezogene Daten bleibt.',
    erased: 'Gelöscht.',
    cancel: 'Abbrechen',
    campaigns: 'Kampagnen',
    questions: 'Fragen',
    upload: 'Upload',
    required: 'Pflicht',
    updated: 'Aktualisiert',
    agent: 'Agent',
    language2: 'Sprache',
    jobTitle: 'Stelle',
    sync: 'Sync',
    activity: 'Ereignisse pro Stunde (letzte 24 h)',
    processed: 'verarbeitet',
    failed: 'fehlgeschlagen',
    dead: 'tot',
    records: 'Datensätze',
    table: 'Tabelle',
    recordId: 'Datensatz-ID',
    deleted: 'gelöscht',
    verified: 'geprüft',
    totalProcessed: 'Verarbeitet',
    totalFailed: 'Fehlgeschlagen',
    successRate: 'Erfolgsquote',
    deadLettered: 'Tote Ereignisse',
    queued: 'Wartend',
    eventsOf: 'Ereignisse dieses Datensatzes',
    booking: 'Buchungsverläufe',
    thread: 'Verlauf',
    phone: 'Telefon',
    messages: 'Nachrichten',
    lastMessage: 'Letzte Nachricht',
    back: 'Zurück',
    notFound: 'Nicht gefunden.',
    loadFailed: 'Laden fehlgeschlagen',
    navAudit: 'Protokoll',
    auditAt: 'Wann',
    auditActor: 'Wer',
    auditAction: 'Aktion',
    auditTarget: 'Ziel',
    auditOutcome: 'Ergebnis',
    auditOlder: 'Ältere Einträge',
    needsScope: 'Ihrer Anmeldung fehlt der Scope',
    pageNeedsScopes: (/** @type {number} */ n) =>
      n === 1
        ? 'Ihrer Anmeldung fehlt für diese Seite der Scope {scope}.'
        : 'Ihrer Anmeldung fehlen für diese Seite die Scopes {scope}.',
  },
};

const KEY = 'hoc.console.lang';

/** @returns {'de' | 'en'} */
export function currentLang() {
  const stored = localStorage.getItem(KEY);
  if (stored === 'de' || stored === 'en') return stored;
  return (navigator.language || 'de').toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** @param {string} lang */
export function setLang(lang) {
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
}

/**
 * The label in the operator's language (English, then the key itself, when missing).
 * @param {string} key
 * @param {number} [count] for labels that are functions of a count
 * @returns {string}
 */
export function t(key, count = 0) {
  /** @type {Record<string, Label>} */
  const labels = LABELS[currentLang()];
  /** @type {Record<string, Label>} */
  const english = LABELS.en;
  const value = labels[key] ?? english[key] ?? key;
  return typeof value === 'function' ? value(count) : value;
}

/** A fraction (0–1) as a percentage in the operator's language: 0.5 → "50 %" / "50%". */
/** @param {number} fraction */
export function formatPercent(fraction) {
  return new Intl.NumberFormat(currentLang() === 'de' ? 'de-DE' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(fraction);
}

/** @param {string | null | undefined} value */
export function formatDate(value) {
  if (!value) return '–';
  return new Date(value).toLocaleString(currentLang() === 'de' ? 'de-DE' : 'en-GB');
}
