/** What the wizard is doing: making a new vault, or opening one that exists. */
export type WizardMode = 'create' | 'open';
