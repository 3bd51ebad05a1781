import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AppError, unauthorized, unprocessable } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { randomBytes } from 'node:crypto';
import { nowIso } from '../database/time';
import { AuditService } from '../audit/audit.service';
import { actorOf, AuthUser } from './auth-user';
import { SessionResponse } from './dto/auth.dto';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { FailureStore, MemoryFailureStore, RedisFailureStore } from './failure-store';
import { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './password';
import { toAuthUser, TokenService } from './token.service';

@Injectable()
export class AuthService implements OnModuleDestroy {
  private readonly failures: FailureStore;
  private readonly throttle: LoginThrottle;
  /** Checked against when the username is unknown, so both cases cost one scrypt. */
  private readonly decoyHash = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
  ) {
    this.failures = config.REDIS_URL
      ? new RedisFailureStore(config.REDIS_URL)
      : new MemoryFailureStore();
    this.throttle = new LoginThrottle(this.failures, {
      perAccount: config.LOGIN_MAX_FAILURES,
      perAddress: config.LOGIN_ADDRESS_MAX_FAILURES,
      windowMs: config.LOGIN_WINDOW_SECONDS * 1000,
    });
  }

  onModuleDestroy(): Promise<void> {
    return this.failures.close();
  }

  async login(username: string, password: string, address: string): Promise<SessionResponse> {
    const account = username.trim().toLowerCase();
    const retryAfterSeconds = await this.throttle.retryAfterSeconds(account, address);
    if (retryAfterSeconds > 0) {
      throw new AppError(429, 'LOGIN_THROTTLED', 'Too many failed sign-ins; wait and try again.', {
        retryAfterSeconds,
      });
    }
    const user = await this.uow.reader.findOneBy(User, { username: account });
    // The same work whether or not the account exists: the answer's time names no usernames.
    const matches = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !user.active || !matches) {
      await this.throttle.recordFailure(account, address);
      throw unauthorized('INVALID_CREDENTIALS', 'Wrong username or password.');
    }
    await this.throttle.reset(account, address);
    return this.uow.run(async (manager) => {
      const fresh = await manager.findOneByOrFail(User, { id: user.id });
      const pair = await this.tokens.issue(manager, fresh);
      return { ...pair, user: toAuthUser(fresh) };
    });
  }

  /**
   * Someone present confirms an act with their own password on another user's screen (the
   * supervisor at decryption): checked and throttled as a sign-in, but no session is issued.
   * Answers 422, not 401, so the signed-in user's own session is not taken for expired.
   */
  async confirmIdentity(username: string, password: string, address: string): Promise<User> {
    const account = username.trim().toLowerCase();
    const retryAfterSeconds = await this.throttle.retryAfterSeconds(account, address);
    if (retryAfterSeconds > 0) {
      throw new AppError(429, 'LOGIN_THROTTLED', 'Too many failed sign-ins; wait and try again.', {
        retryAfterSeconds,
      });
    }
    const user = await this.uow.reader.findOneBy(User, { username: account });
    // The same work whether or not the account exists, as for a sign-in.
    const matches = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !user.active || !matches) {
      await this.throttle.recordFailure(account, address);
      throw unprocessable('SUPERVISOR_CREDENTIALS_INVALID', 'Wrong username or password.');
    }
    await this.throttle.reset(account, address);
    return user;
  }

  /** Rotates: the presented refresh token is spent and a new pair is issued. */
  refresh(refreshToken: string): Promise<SessionResponse> {
    return this.uow.run(async (manager) => {
      const row = await this.tokens.findValidRefresh(manager, refreshToken);
      await this.tokens.spendRefresh(manager, row);
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
      .then(() => this.sessionsEnded(user.id));
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
      .then(() => this.sessionsEnded(user.id));
  }

  private sessionsEnded(userId: number): void {
    this.tokens.endSessions(userId);
  }
}
