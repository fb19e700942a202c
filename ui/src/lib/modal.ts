/**
 * Keyboard behaviour shared by every modal dialog: Escape closes it, and Tab stays inside
 * (wrapping from the last enabled control to the first and back), so keyboard users never
 * land on the page behind the backdrop.
 */
const FOCUSABLE = 'select, button, input, textarea, [tabindex]:not([tabindex="-1"])';

/** The dialog's `keydown` handler. */
export function modalKeydown(event: KeyboardEvent, box: HTMLElement | undefined, onclose: () => void): void {
  if (event.key === 'Escape') {
    event.preventDefault();
    onclose();
  } else if (event.key === 'Tab' && box) {
    const focusable = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute('disabled'));
    const [start, end] = [focusable[0], focusable[focusable.length - 1]];
    if (event.shiftKey && document.activeElement === start) {
      event.preventDefault();
      end?.focus();
    } else if (!event.shiftKey && document.activeElement === end) {
      event.preventDefault();
      start?.focus();
    }
  }
}
