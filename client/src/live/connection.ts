import { onBeforeUnmount, ref, type Ref } from 'vue';
import { liveSocket, type LiveSocket } from '../api/live';

export type ConnectionState = 'connected' | 'reconnecting' | 'offline';

export interface LiveConnection {
  socket: LiveSocket;
  state: Ref<ConnectionState>;
}

/** One socket per page; its state follows socket.io and the browser's own online flag. */
export function useLiveConnection(): LiveConnection {
  const socket = liveSocket();
  const state = ref<ConnectionState>(navigator.onLine ? 'reconnecting' : 'offline');
  const settle = () => {
    if (!navigator.onLine) {
      state.value = 'offline';
    } else {
      state.value = socket.connected ? 'connected' : socket.active ? 'reconnecting' : 'offline';
    }
  };
  socket.on('connect', settle);
  socket.on('disconnect', settle);
  socket.on('connect_error', settle);
  socket.io.on('reconnect_attempt', settle);
  socket.io.on('reconnect_failed', settle);
  // Back online: reconnect now rather than at the end of socket.io's back-off.
  const online = () => {
    if (!socket.connected) {
      socket.disconnect().connect();
    }
    settle();
  };
  window.addEventListener('online', online);
  window.addEventListener('offline', settle);
  onBeforeUnmount(() => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', settle);
    socket.close();
  });
  return { socket, state };
}
