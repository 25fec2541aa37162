-- schemagate: dialect=mysql version=8.4.3 type.accounts.status=enum('new','active')
ALTER TABLE accounts MODIFY status enum('new','active','closed'), ALGORITHM=INSTANT;
