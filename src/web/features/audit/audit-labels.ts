// Audit actions and record types are codes chosen by each module; known ones get words in the UI
// language, new ones show their code until a translation is added.
import type { TFunction } from "i18next";
import en from "../../i18n/en.json";

type ActionCode = keyof typeof en.audit.actions;
type EntityCode = keyof typeof en.audit.entities;

export const KNOWN_ACTIONS = Object.keys(en.audit.actions) as ActionCode[];
export const KNOWN_ENTITIES = Object.keys(en.audit.entities) as EntityCode[];

export function actionLabel(t: TFunction, code: string): string {
  return (KNOWN_ACTIONS as string[]).includes(code) ? t(`audit.actions.${code as ActionCode}`) : code;
}

export function entityLabel(t: TFunction, code: string): string {
  return (KNOWN_ENTITIES as string[]).includes(code) ? t(`audit.entities.${code as EntityCode}`) : code;
}
