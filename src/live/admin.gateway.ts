import { Logger } from '@nestjs/common';
import { OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { AppError } from '../common/errors/app-error';
import type { Role } from '../domain/competition';
import { TokenService } from '../auth/token.service';

const ADMIN_ROLES: Role[] = ['admin', 'organizer', 'chief_judge', 'supervisor'];

/** Refuses a socket with the same `{ code, message }` the HTTP API would give, then disconnects. */
export function refuse(client: Socket, code: string, message: string): void {
  client.emit('refused', { code, message });
  client.disconnect(true);
}

/**
 * `/admin`: live progress for organizers. A socket is authenticated once, in handleConnection,
 * from `auth.token` in the handshake; anyone else is refused and disconnected.
 */
@WebSocketGateway({ namespace: '/admin' })
export class AdminGateway implements OnGatewayConnection {
  private readonly logger = new Logger(AdminGateway.name);

  constructor(private readonly tokens: TokenService) {}

  async handleConnection(client: Socket): Promise<void> {
    const token: unknown = (client.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (typeof token !== 'string' || token === '') {
      return refuse(client, 'UNAUTHENTICATED', 'Sign in to open the admin channel.');
    }
    try {
      const user = await this.tokens.authenticate(token);
      if (!ADMIN_ROLES.includes(user.role)) {
        return refuse(client, 'FORBIDDEN_ROLE', 'The admin channel is for organizers.');
      }
      client.data.user = user;
      client.emit('session', { user });
    } catch (error) {
      if (error instanceof AppError) {
        return refuse(client, error.code, error.message);
      }
      this.logger.error(error);
      return refuse(client, 'INTERNAL_ERROR', 'Internal error.');
    }
  }
}
