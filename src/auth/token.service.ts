import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { unauthorized } from '../common/errors/app-error';
import { DomainEvents } from '../common/domain-events';
import { AppConfig } from '../config/app-config';
import { nowIso } from '../database/time';
import type { AuthUser } from './auth-user';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';

interface AccessClaims {
  sub: number;
  role: string;
  /** Issue time in milliseconds: revocation compares it with the account's tokensValidFrom. */
  ims: number;
  iat: number;
  exp: number;
}

const VERIFIED_CACHE_SIZE = 10_000;
const USER_CACHE_MS = 2_000;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function toAuthUser(user: User): AuthUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitName: user.unitName,
  };
}

/** Short-lived signed access tokens; long-lived refresh tokens stored only as hashes and rotated. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly events: DomainEvents,
  ) {}

  private readonly verified = new Map<string, AccessClaims>();
  private readonly userCache = new Map<number, { user: User; at: number }>();

  async issue(manager: EntityManager, user: User): Promise<TokenPair> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
    await manager.insert(RefreshToken, {
      id,
      userId: user.id,
      secretHash: sha256(secret),
      expiresAt: expiresAt.toISOString(),
      revokedAt: null,
      createdAt: nowIso(),
    });
    // Strictly after the last revocation, even within its millisecond, so a fresh login works.
    const ims = Math.max(Date.now(), Date.parse(user.tokensValidFrom) + 1);
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, role: user.role, ims },
      { expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS },
    );
    return {
      accessToken,
      refreshToken: `${id}.${secret}`,
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
    };
  }

  /**
   * Spends a refresh token: only the request whose conditional update changed the row wins, so
   * concurrent refreshes with one token (PostgreSQL runs them at once) yield one new pair.
   */
  async spendRefresh(manager: EntityManager, row: RefreshToken): Promise<void> {
    const result = await manager.update(
      RefreshToken,
      { id: row.id, revokedAt: IsNull() },
      { revokedAt: nowIso() },
    );
    if (result.affected !== 1) {
      throw unauthorized('TOKEN_INVALID', 'The refresh token is not valid.');
    }
  }

  /** Checks a presented refresh token and returns its stored row (not yet revoked, not expired). */
  async findValidRefresh(manager: EntityManager, token: string): Promise<RefreshToken> {
    const [id, secret] = token.split('.');
    const row = id && secret ? await manager.findOneBy(RefreshToken, { id }) : null;
    if (!row || row.secretHash !== sha256(secret) || row.revokedAt !== null) {
      throw unauthorized('TOKEN_INVALID', 'The refresh token is not valid.');
    }
    if (row.expiresAt <= nowIso()) {
      throw unauthorized('TOKEN_EXPIRED', 'The refresh token has expired; sign in again.');
    }
    return row;
  }

  /** Verifies an access token and the account behind it; throws 401 with a precise code. */
  async authenticate(token: string): Promise<AuthUser> {
    const claims = await this.verifyClaims(token);
    const user = typeof claims.sub === 'number' ? await this.findUser(claims.sub) : null;
    if (!user || !user.active) {
      throw unauthorized('TOKEN_INVALID', 'The account behind this token is not active.');
    }
    // Tokens issued up to a logout or password change are refused, to the millisecond.
    if (claims.ims <= Date.parse(user.tokensValidFrom)) {
      throw unauthorized('TOKEN_REVOKED', 'The access token was revoked; sign in again.');
    }
    return toAuthUser(user);
  }

  /** After a logout, password change, reset, deactivation or new role: open sockets close too. */
  endSessions(userId: number): void {
    this.forgetUser(userId);
    this.events.emit('user.sessions-ended', { userId });
  }

  /** Drops the cached account so the next request sees a logout, a new password or a new role. */
  forgetUser(userId: number): void {
    this.userCache.delete(userId);
  }

  /**
   * Signature checks cost ~0.5 ms each in jsonwebtoken and a tablet sends the same token with
   * every mark: a verified token's claims are remembered until the token expires.
   */
  private async verifyClaims(token: string): Promise<AccessClaims> {
    const cached = this.verified.get(token);
    if (cached) {
      if (cached.exp * 1000 > Date.now()) {
        return cached;
      }
      this.verified.delete(token);
    }
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw unauthorized('TOKEN_EXPIRED', 'The access token has expired.');
      }
      throw unauthorized('TOKEN_INVALID', 'The access token is not valid.');
    }
    // A token without an expiry (or without our issue time) was not made by issue(): refused.
    if (!Number.isSafeInteger(claims.exp) || !Number.isSafeInteger(claims.ims)) {
      throw unauthorized('TOKEN_INVALID', 'The access token is not valid.');
    }
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      this.verified.delete(this.verified.keys().next().value as string);
    }
    this.verified.set(token, claims);
    return claims;
  }

  /** Accounts are re-read at most every USER_CACHE_MS (per instance); changes here evict at once. */
  private async findUser(id: number): Promise<User | null> {
    const hit = this.userCache.get(id);
    if (hit && Date.now() - hit.at < USER_CACHE_MS) {
      return hit.user;
    }
    const user = await this.users.findOneBy({ id });
    if (user) {
      this.userCache.set(id, { user, at: Date.now() });
    }
    return user;
  }
}
