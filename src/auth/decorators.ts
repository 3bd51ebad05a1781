import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../domain/competition';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';

/** Anyone may call the route; a valid token, if sent, still identifies the caller. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route. Routes without @Public or @Roles need any signed-in user. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** Organizer-level routes: the organizing committee and the system administrator. */
export const ORGANIZERS: Role[] = ['admin', 'organizer'];

/** The chief judge's judging routes, which organizers may also use. */
export const CHIEF_AND_ORGANIZERS: Role[] = [...ORGANIZERS, 'chief_judge'];

export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser | undefined =>
    ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user,
);
