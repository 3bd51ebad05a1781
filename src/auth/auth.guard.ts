import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppError, forbidden, unauthorized } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { WriteRate } from './write-rate';
import type { Role } from '../domain/competition';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC, ROLES } from './decorators';
import { TokenService } from './token.service';

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1] : null;
}

/** The global guard: every route needs a signed-in user unless it is @Public; @Roles narrows it. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly writes: WriteRate;

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    config: AppConfig,
  ) {
    this.writes = new WriteRate(config.WRITE_RATE_PER_MINUTE);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const token = bearerToken(request.headers.authorization);

    if (!token) {
      if (isPublic) {
        return true;
      }
      throw unauthorized('UNAUTHENTICATED', 'Sign in to use this route.');
    }
    if (isPublic) {
      // A stale token must not lock anyone out of public pages: the caller is then anonymous.
      request.user = await this.tokens.authenticate(token).catch(() => undefined);
      return true;
    }
    request.user = await this.tokens.authenticate(token);
    if (request.method !== 'GET') {
      const wait = this.writes.take(request.user.id);
      if (wait > 0) {
        throw new AppError(429, 'RATE_LIMITED', 'Too many writes from this account; slow down.', {
          retryAfterSeconds: wait,
        });
      }
    }
    if (roles && !roles.includes(request.user.role)) {
      throw forbidden('FORBIDDEN_ROLE', `This route is for: ${roles.join(', ')}.`);
    }
    return true;
  }
}
