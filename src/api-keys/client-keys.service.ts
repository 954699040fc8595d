import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { RequestContext } from '../audit/audit.types';
import { ApiKeysService } from './api-keys.service';
import {
  CreateApiKeyDto,
  CreateClientKeyResponseDto,
  ListApiKeysQueryDto,
  ListClientKeysResponseDto,
} from './dto/api-key.dto';

/**
 * The Fluxbase SDK's current name for API keys (`/client-keys`): the same keys and rules, with
 * only the two envelopes that name the resource renamed.
 */
@Injectable()
export class ClientKeysService {
  constructor(private readonly apiKeys: ApiKeysService) {}

  async create(
    owner: Principal,
    dto: CreateApiKeyDto,
    context: RequestContext,
  ): Promise<CreateClientKeyResponseDto> {
    const { api_key, key } = await this.apiKeys.create(owner, dto, context);
    return { client_key: api_key, key };
  }

  async list(caller: Principal, query: ListApiKeysQueryDto): Promise<ListClientKeysResponseDto> {
    const { api_keys, ...rest } = await this.apiKeys.list(caller, query);
    return { client_keys: api_keys, ...rest };
  }
}
