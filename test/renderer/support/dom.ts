/**
 * Small DOM questions the component tests ask, in plain code (the harness has no jest-dom).
 */
import { expect } from 'vitest';
import { screen } from '@testing-library/react';

export const isDisabled = (element: HTMLElement) => (element as HTMLButtonElement | HTMLInputElement).disabled;

/** The text of the elements that describe `element` (aria-describedby). */
export const description = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ')
    .trim();

/** The inline alert that says `sentence` (the toasts' live regions are alerts too, but empty). */
export async function alertSaying(sentence: string): Promise<HTMLElement> {
  const alert = (await screen.findByText(sentence)).closest<HTMLElement>('[role="alert"]');
  expect(alert).not.toBeNull();
  return alert!;
}
