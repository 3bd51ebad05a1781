import { defineErrors } from './define';

/** The live boards: feed and socket.io joins. */
export const liveErrors = defineErrors(
  {
    SINCE_INVALID: 'since 参数应为不小于 0 的整数[[，且不大于 {seq}]]',
    TOO_MANY_JOINS: '加入过于频繁，请稍等几秒',
    WEBSOCKET_REQUIRED: '该地址只接受 WebSocket 连接',
    LIVE_JOIN_INVALID: '请指定赛项或届次',
    UNAVAILABLE: '服务器繁忙，请稍后再试',
  },
  {
    SINCE_INVALID: 'since must be a whole number ≥ 0[[ and at most {seq}]].',
    TOO_MANY_JOINS: 'Too many joins; wait a few seconds.',
    WEBSOCKET_REQUIRED: 'This address accepts WebSocket connections only.',
    LIVE_JOIN_INVALID: 'Name an event or an edition.',
    UNAVAILABLE: 'The server is busy; try again.',
  },
);
