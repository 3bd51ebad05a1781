import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AppError, unauthorized, unprocessable } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { nowIso } from '../database/time';
import { AuditService } from '../audit/audit.service';
import { actorOf, AuthUser } from './auth-user';
import { SessionResponse } from './dto/auth.dto';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './password';
import { toAuthUser, TokenService } from './token.service';

@Injectable()
export class AuthService {
  private readonly throttle: LoginThrottle;

  constructor(
    config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
  ) {
    this.throttle = new LoginThrottle(
      config.LOGIN_MAX_FAILURES,
      config.LOGIN_WINDOW_SECONDS * 1000,
    );
  }

  async login(username: string, password: string): Promise<SessionResponse> {
    const account = username.trim().toLowerCase();
    const retryAfterSeconds = this.throttle.retryAfterSeconds(account);
    if (retryAfterSeconds > 0) {
      throw new AppError(429, 'LOGIN_THROTTLED', 'Too many failed sign-ins for this account.', {
        retryAfterSeconds,
      });
    }
    return this.uow.run(async (manager) => {
      const user = await manager.findOneBy(User, { username: account });
      const ok =
        user !== null && user.active && (await verifyPassword(password, user.passwordHash));
      if (!user || !ok) {
        this.throttle.recordFailure(account);
        throw unauthorized('INVALID_CREDENTIALS', 'Wrong username or password.');
      }
      this.throttle.reset(account);
      const pair = await this.tokens.issue(manager, user);
      return { ...pair, user: toAuthUser(user) };
    });
  }

  /**
   * Someone present confirms an act with their own password on another user's screen (the
   * supervisor at decryption): checked and throttled as a sign-in, but no session is issued.
   * Answers 422, not 401, so the signed-in user's own session is not taken for expired.
   */
  async confirmIdentity(username: string, password: string): Promise<User> {
    const account = username.trim().toLowerCase();
    const retryAfterSeconds = this.throttle.retryAfterSeconds(account);
    if (retryAfterSeconds > 0) {
      throw new AppError(429, 'LOGIN_THROTTLED', 'Too many failed sign-ins for this account.', {
        retryAfterSeconds,
      });
    }
    const user = await this.uow.reader.findOneBy(User, { username: account });
    const ok = user !== null && user.active && (await verifyPassword(password, user.passwordHash));
    if (!user || !ok) {
      this.throttle.recordFailure(account);
      throw unprocessable('SUPERVISOR_CREDENTIALS_INVALID', 'Wrong username or password.');
    }
    this.throttle.reset(account);
    return user;
  }

  /** Rotates: the presented refresh token is spent and a new pair is issued. */
  refresh(refreshToken: string): Promise<SessionResponse> {
    return this.uow.run(async (manager) => {
      const row = await this.tokens.findValidRefresh(manager, refreshToken);
      await manager.update(RefreshToken, { id: row.id }, { revokedAt: nowIso() });
      const user = await manager.findOneBy(User, { id: row.userId });
      if (!user || !user.active) {
        throw unauthorized('TOKEN_INVALID', 'The account behind this token is not active.');
      }
      const pair = await this.tokens.issue(manager, user);
      return { ...pair, user: toAuthUser(user) };
    });
  }

  /** Spends the refresh token and revokes every access token issued to the user so far. */
  logout(user: AuthUser, refreshToken: string): Promise<void> {
    return this.uow
      .run(async (manager) => {
        const row = await this.tokens.findValidRefresh(manager, refreshToken).catch(() => null);
        if (row && row.userId === user.id) {
          await manager.update(RefreshToken, { id: row.id }, { revokedAt: nowIso() });
        }
        await manager.update(User, { id: user.id }, { tokensValidFrom: nowIso() });
      })
      .then(() => this.tokens.forgetUser(user.id));
  }

  changePassword(user: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    return this.uow
      .run(async (manager) => {
        const row = await manager.findOneByOrFail(User, { id: user.id });
        if (!(await verifyPassword(currentPassword, row.passwordHash))) {
          throw unauthorized('INVALID_CREDENTIALS', 'The current password is wrong.');
        }
        const now = nowIso();
        await manager.update(
          User,
          { id: user.id },
          { passwordHash: await hashPassword(newPassword), tokensValidFrom: now, updatedAt: now },
        );
        await manager.update(
          RefreshToken,
          { userId: user.id, revokedAt: IsNull() },
          { revokedAt: now },
        );
        await this.audit.append(manager, {
          actor: actorOf(user),
          action: 'user.password-changed',
          entityType: 'user',
          entityId: user.id,
        });
      })
      .then(() => this.tokens.forgetUser(user.id));
  }
}
