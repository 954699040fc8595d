import { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionGeneration1795800517685 implements MigrationInterface {
  name = 'SessionGeneration1795800517685';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" ADD "generation" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "generation"`);
  }
}
