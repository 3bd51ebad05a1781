/**
 * Opens an HTML document (a certificate, a results sheet) in a new window through a Blob URL and
 * asks the browser to print it; falls back to a hidden iframe when pop-ups are blocked.
 */
export function printHtml(html: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
  setTimeout(() => URL.revokeObjectURL(url), 120_000);
  const win = window.open(url, '_blank');
  if (win) {
    win.addEventListener('load', () => win.print(), { once: true });
    return;
  }
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  frame.src = url;
  frame.addEventListener(
    'load',
    () => {
      frame.contentWindow?.print();
      setTimeout(() => frame.remove(), 60_000);
    },
    { once: true },
  );
  document.body.appendChild(frame);
}
