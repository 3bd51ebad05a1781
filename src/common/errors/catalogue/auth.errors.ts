import { defineErrors } from './define';

/** Sign-in, tokens, roles and accounts. */
export const authErrors = defineErrors(
  {
    UNAUTHENTICATED: '请先登录',
    TOKEN_INVALID: '登录凭证无效，请重新登录',
    TOKEN_EXPIRED: '登录已过期，请重新登录',
    TOKEN_REVOKED: '登录凭证已失效，请重新登录',
    INVALID_CREDENTIALS: '用户名或密码错误',
    LOGIN_THROTTLED: '登录失败次数过多[[，请 {retryAfterSeconds} 秒后再试]]',
    FORBIDDEN: '无权执行此操作',
    FORBIDDEN_ROLE: '当前角色无权执行此操作[[（限：{roles:role}）]]',
    USERNAME_TAKEN: '用户名已被使用[[：{username}]]',
    USER_NOT_FOUND: '用户不存在',
    CONTESTANT_NOT_FOUND: '选手不存在',
    CONTESTANT_ALREADY_LINKED: '该选手已有登录账号',
    CONTESTANT_LINK_ROLE: '只有“选手”角色的账号可以关联选手',
    CONTESTANT_NOT_LINKED: '该账号尚未关联选手信息，请联系组委会',
  },
  {
    UNAUTHENTICATED: 'Please sign in.',
    TOKEN_INVALID: 'Your sign-in is not valid; sign in again.',
    TOKEN_EXPIRED: 'Your sign-in has expired; sign in again.',
    TOKEN_REVOKED: 'Your sign-in was revoked; sign in again.',
    INVALID_CREDENTIALS: 'Wrong username or password.',
    LOGIN_THROTTLED: 'Too many failed sign-ins[[; try again in {retryAfterSeconds} seconds]].',
    FORBIDDEN: 'You may not do this.',
    FORBIDDEN_ROLE: 'Your role may not do this[[ (for: {roles:role})]].',
    USERNAME_TAKEN: 'That username is taken[[: {username}]].',
    USER_NOT_FOUND: 'No such user.',
    CONTESTANT_NOT_FOUND: 'No such contestant.',
    CONTESTANT_ALREADY_LINKED: 'This contestant already has a login.',
    CONTESTANT_LINK_ROLE: 'Only an account with the role contestant can be linked to a contestant.',
    CONTESTANT_NOT_LINKED:
      'This account is not linked to a contestant; please contact the organizing committee.',
  },
);
