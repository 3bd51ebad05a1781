import type { DayMessages } from './day';

/** Texts of the competition day's working pages (English). */
const dayEn: DayMessages = {
  schemeEditor: {
    moduleCode: 'Module code',
    moduleName: 'Module name',
    addModule: 'Add module',
    removeModule: 'Remove module',
    removeConfirm: 'Remove this module and all its aspects? (takes effect when saved)',
    addAspect: 'Add aspect',
    export: 'Export .xlsx template',
    import: 'Import from .xlsx',
    total: 'Practical maxima: {total} / 100',
    save: 'Save scheme',
    saved: 'Scheme saved',
    imported: 'Scheme imported from the sheet',
    inUse: 'Marks have been entered; the scheme can no longer change',
    decrypt: {
      tab: 'Decryption',
      intro:
        'The results are locked. Decryption needs the supervisor present: the chief judge opens it, and the supervisor confirms by signing in here with their own account.',
      open: 'Open decryption',
      supervisorSignIn: 'Supervisor signs in to confirm',
      username: "Supervisor's username",
      password: "Supervisor's password",
      confirm: 'Confirm decryption',
      required: 'Required',
      done: 'Decrypted: names and units can now be seen',
      decryptedAt: 'Decrypted at {at}',
      notLocked: 'The results are not locked yet: decryption follows the lock of every module',
      noCodes: 'No blind codes were generated: there is nothing to decrypt',
    },
    codeMapPrint: {
      button: 'Print the sealed code map',
      title: '{event}: code map (sealed)',
      printedAt: 'Printed {at}',
      print: 'Print',
      seal: 'Encryption judge: ________________    Sealed at: ________________',
      hint: 'For the envelope only: it stays sealed until decryption.',
    },
    assignByName: {
      hint: "Search judges by name or unit; conflicts with contestants of a judge's own unit are listed before saving",
      search: 'Type a name or unit to find judges',
      noModules: 'Set the marking scheme (its modules) first',
      conflicts: 'recused from {n} own-unit contestants',
      blocked: 'every contestant is from their unit: cannot be assigned',
      recusal: 'Recusal',
      conflictLine:
        '{name} ({unit}) shares a unit with {n} contestants: those pieces go to other judges, never to them',
    },
    errors: {
      NOT_A_JUDGE: 'The chosen account is not an active judge',
      MODULE_NOT_FOUND: 'The module is not in this event',
      SUPERVISOR_CREDENTIALS_INVALID: "Wrong supervisor's username or password",
      SUPERVISOR_ROLE_REQUIRED: 'This account is not a supervisor and cannot confirm decryption',
      ALREADY_DECRYPTED: 'The event is already decrypted',
      CODES_NOT_GENERATED: 'No blind codes have been generated',
      SCHEME_CODE_FORMAT: 'A code is 1–16 letters, digits, dots or dashes',
      SCHEME_NAME_REQUIRED: 'Enter the module name (up to 100 characters)',
      SCHEME_DESCRIPTION_REQUIRED: 'Enter what the aspect marks (up to 300 characters)',
      SCHEME_BAD_MAX: 'The maximum is above 0, at most 100, with up to 2 decimals',
      SCHEME_BAD_STEP:
        'The step is above 0 with up to 2 decimals, and the maximum is a multiple of it',
      SCHEME_BAD_SPREAD: 'The allowed spread is 0 or more, with up to 2 decimals',
      SCHEME_DUPLICATE_CODE: 'The code {code} appears twice',
      SCHEME_EMPTY_MODULE: 'A module needs at least one aspect',
      SCHEME_NO_MODULES: 'The practical part needs at least one module',
      SCHEME_PRACTICAL_TOTAL: 'Practical maxima add up to {total}, not 100',
      SCHEME_THEORY_MAX: 'The theory part is marked out of 100',
    },
  },
  errors: {
    SCHEME_INVALID: 'The scheme is not valid; see the notes beside the fields',
  },
};

export default dayEn;
