import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

const SHOW_MS = 10_000;
/** A tap this close to the top-right corner (px) brings the controls back. */
const CORNER_PX = 120;

/**
 * Kiosk mode for the hall screen: the operator controls show for 10 s after the page opens, a
 * key press or a tap in the top-right corner, then hide so the audience sees only the board.
 */
export function useKiosk(): { controls: Ref<boolean>; keepOpen: () => void } {
  const controls = ref(true);
  let timer: ReturnType<typeof setTimeout> | null = null;

  function keepOpen(): void {
    controls.value = true;
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(() => (controls.value = false), SHOW_MS);
  }
  const onKey = () => keepOpen();
  const onPointer = (e: PointerEvent) => {
    if (e.clientY <= CORNER_PX && e.clientX >= window.innerWidth - CORNER_PX) {
      keepOpen();
    }
  };
  onMounted(() => {
    keepOpen();
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
  });
  onBeforeUnmount(() => {
    if (timer) {
      clearTimeout(timer);
    }
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('pointerdown', onPointer);
  });
  return { controls, keepOpen };
}
