/**
 * jsdom lays nothing out. The virtualised grid and list render only the rows that fit their
 * scroller, so every element is given a window-sized box here, and the scrolling the virtualiser
 * asks for is recorded instead of done.
 */
export function giveElementsSize(width = 1000, height = 800): void {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => width });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => height });
  Element.prototype.scrollTo = function scrollTo(this: Element, options?: ScrollToOptions | number) {
    if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
  } as Element['scrollTo'];
}
